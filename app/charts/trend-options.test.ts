import { weeklyMedianDays } from "../../tests/fixtures/trend-spec";
import { trendChartData, trendPlotOptions } from "./trend-options";
import { renderPlotSvg } from "./render.server";

describe("trendChartData", () => {
  test("skips empty buckets instead of drawing them as zero", () => {
    const data = trendChartData(weeklyMedianDays);
    expect(data).toHaveLength(5);
    expect(data.map((d) => d.value)).not.toContain(0);
  });
  test("marks the signalling bucket with its reason", () => {
    const signals = trendChartData(weeklyMedianDays).filter((d) => d.signal);
    expect(signals).toEqual([expect.objectContaining({ value: 9.8, reason: "above the upper limit" })]);
  });
});

describe("trendPlotOptions", () => {
  test("percent charts span 0–100, day charts start at zero and leave room above the highest line", () => {
    const days = trendPlotOptions(weeklyMedianDays);
    const [low, high] = days.y?.domain as number[];
    expect(low).toBe(0);
    expect(high).toBeGreaterThan(9.8);
    const pct = trendPlotOptions({ ...weeklyMedianDays, unit: "percent", target: null, limits: null });
    expect(pct.y?.domain).toEqual([0, 100]);
  });
  test("the x domain runs from the first to the last bucket, so leading or trailing empty buckets still show", () => {
    const options = trendPlotOptions({
      ...weeklyMedianDays,
      series: [{ ...weeklyMedianDays.series[0], values: [null, 1, 2, 3, 4, null] }],
    });
    expect(options.x?.domain).toEqual([new Date("2026-10-19T00:00:00Z"), new Date("2026-11-23T00:00:00Z")]);
  });
});

describe("renderPlotSvg", () => {
  test("draws the line, the target, the limits and the signal into a labelled SVG", () => {
    const svg = renderPlotSvg(trendPlotOptions(weeklyMedianDays));
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain('aria-label="Median days to complete work orders"');
    expect(svg).toContain("SLA target 5 days");
    expect(svg).toContain("upper limit 5.0 days");
    expect(svg).toContain('stroke-dasharray="6 4"');
    expect(svg).toContain("#b50909");
  });
});
