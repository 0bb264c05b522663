import { xmrChart } from "./xmr";

describe("XmR chart", () => {
  test("limits against a hand-computed example", () => {
    // mean 106/8 = 13.25; moving ranges 2,2,2,2,2,2,20 → mR̄ = 32/7; limits 13.25 ± 2.66 · 32/7
    const chart = xmrChart([10, 12, 10, 12, 10, 12, 10, 30]);
    expect(chart.centre).toBeCloseTo(13.25, 12);
    expect(chart.averageMovingRange).toBeCloseTo(32 / 7, 12);
    expect(chart.upperLimit).toBeCloseTo(25.41, 2);
    expect(chart.lowerLimit).toBeCloseTo(1.09, 2);
    expect(chart.points.map((p) => p.signals)).toEqual([[], [], [], [], [], [], [], ["above_limit"]]);
  });

  test("runs of eight on one side flag a shift inside the limits; seven do not", () => {
    // mean 10, mR̄ = (7·2 + 8 + 7·2) / 15 = 2.4, limits 10 ± 6.384: nothing outside
    const values = [4, 6, 4, 6, 4, 6, 4, 6, 14, 16, 14, 16, 14, 16, 14, 16];
    const chart = xmrChart(values);
    expect(chart.averageMovingRange).toBeCloseTo(2.4, 12);
    expect(chart.points.map((p) => p.signals)).toEqual([
      ...Array(8).fill(["run_below"]),
      ...Array(8).fill(["run_above"]),
    ]);
    const seven = xmrChart([4, 6, 4, 6, 4, 6, 4, 16, 14, 16, 14, 16, 14, 16]);
    expect(seven.points.every((p) => p.signals.length === 0)).toBe(true);
  });

  test("a point on the centre line breaks a run", () => {
    const chart = xmrChart([1, 1, 1, 1, 5, 1, 1, 1, 1, 9, 9, 9, 9, 9, 9, 9, 9]);
    expect(chart.centre).toBe(5);
    expect(chart.points.filter((p) => p.signals.includes("run_below"))).toEqual([]);
  });

  test("nulls are skipped, bridged by the moving range, and do not break runs", () => {
    const chart = xmrChart([4, null, 6, 4, 6, null, 4, 6, 4, 6, 14, 16, 14, 16, 14, 16, 14, 16]);
    expect(chart.points[1]).toEqual({ index: 1, value: null, movingRange: null, signals: [] });
    expect(chart.points[2].movingRange).toBe(2);
    expect(chart.points.filter((p) => p.signals.includes("run_below")).map((p) => p.index)).toEqual([0, 2, 3, 4, 6, 7, 8, 9]);
  });

  test.each([
    { values: [], centre: null },
    { values: [null, null], centre: null },
    { values: [null, 3], centre: 3 },
  ])("fewer than two values: no limits ($values)", ({ values, centre }) => {
    const chart = xmrChart(values);
    expect(chart.centre).toBe(centre);
    expect(chart.upperLimit).toBeNull();
    expect(chart.lowerLimit).toBeNull();
  });

  test("floor clamps the lower limit", () => {
    expect(xmrChart([1, 9, 1, 9], { floor: 0 }).lowerLimit).toBe(0);
  });
});
