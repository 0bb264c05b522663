import { COMPOSITE_CAP, compositeFromMetrics, compositeScore } from "./composite";

describe("composite score", () => {
  test.each([
    { name: "on target", input: { actual: 90, target: 90, better: "higher" as const }, ratio: 1, score: 1, capped: false },
    { name: "higher is better, behind", input: { actual: 45, target: 90, better: "higher" as const }, ratio: 0.5, score: 0.5, capped: false },
    { name: "lower is better, ahead", input: { actual: 5, target: 10, better: "lower" as const }, ratio: 2, score: COMPOSITE_CAP, capped: true },
    { name: "lower is better, behind", input: { actual: 20, target: 10, better: "lower" as const }, ratio: 0.5, score: 0.5, capped: false },
    { name: "lower is better at 0 is capped, not infinite", input: { actual: 0, target: 10, better: "lower" as const }, ratio: null, score: COMPOSITE_CAP, capped: true },
    { name: "no data is left out", input: { actual: null, target: 10, better: "lower" as const }, ratio: null, score: null, capped: false },
  ])("$name", ({ input, ratio, score, capped }) => {
    const result = compositeScore([{ metricId: "m", ...input }]);
    expect(result.components[0]).toMatchObject({ ratio, score, capped });
    expect(result.score).toBe(score);
  });

  test("the mean of the capped components, with the breakdown", () => {
    const result = compositeScore([
      { metricId: "a", actual: 270, target: 90, better: "higher" },
      { metricId: "b", actual: 20, target: 10, better: "lower" },
      { metricId: "c", actual: null, target: 90, better: "higher" },
    ]);
    expect(result.score).toBeCloseTo((1.5 + 0.5) / 2, 12);
    expect(result.counted).toBe(2);
    expect(result.components.map((c) => [c.metricId, c.ratio, c.score, c.capped])).toEqual([
      ["a", 3, 1.5, true],
      ["b", 0.5, 0.5, false],
      ["c", null, null, false],
    ]);
  });

  test("nothing measurable → null", () => {
    expect(compositeScore([]).score).toBeNull();
  });

  test("a non-positive target is a configuration error", () => {
    expect(() => compositeScore([{ metricId: "m", actual: 1, target: 0, better: "higher" }])).toThrow(RangeError);
  });

  test("from metric values: every metric with a target in the registry", () => {
    const result = compositeFromMetrics({ woOnTimePct: 81, openWoPastSlaPct: 20, woMedianDays: 3 });
    expect(result.components.map((c) => c.metricId)).toEqual(["woOnTimePct", "openWoPastSlaPct"]);
    expect(result.score).toBeCloseTo((0.9 + 0.5) / 2, 12);
  });
});
