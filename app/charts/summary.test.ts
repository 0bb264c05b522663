import { weeklyMedianDays } from "../../tests/fixtures/trend-spec";
import { trendSummary } from "./summary";
import { trendCsv } from "./csv";

describe("trendSummary", () => {
  test("says the span, latest, range, empty buckets, target, limits and signals in words", () => {
    expect(trendSummary(weeklyMedianDays)).toBe(
      "Median days to complete work orders, 6 weeks, week of Oct 19, 2026 to week of Nov 23, 2026. " +
        "Median days: latest 9.8 days (week of Nov 23, 2026); lowest 3.9 days (week of Oct 26, 2026), highest 9.8 days (week of Nov 23, 2026). " +
        "1 week without data. SLA target 5 days. " +
        "Natural process limits 3.3 days to 5.0 days around a centre line of 4.2 days. " +
        "1 point signals a real shift: week of Nov 23, 2026 (above the upper limit).",
    );
  });
  test.each([
    [{ ...weeklyMedianDays, periods: [], series: [{ key: "x", label: "x", values: [] }] }, "no periods to show"],
    [{ ...weeklyMedianDays, series: [{ key: "x", label: "x", values: Array(6).fill(null) }] }, "no data in any period"],
    [{ ...weeklyMedianDays, signals: [], signalReasons: {} }, "No signals: the variation is routine."],
  ])("edge case %#", (spec, expected) => {
    expect(trendSummary(spec)).toContain(expected);
  });
});

test("consecutive signals with the same reason read as one stretch; only the latest stretches are told", () => {
  const periods = Array.from({ length: 12 }, (_, i) => ({ start: `2026-01-${String(i + 1).padStart(2, "0")}`, end: "" }));
  const runBelow = "8 or more in a row below the centre line";
  const spec = {
    ...weeklyMedianDays,
    grain: "month" as const,
    periods,
    series: [{ key: "v", label: "v", values: periods.map(() => 1) }],
    signals: [0, 2, 4, 5, 6, 8, 10, 11],
    signalReasons: { 0: "a", 2: "b", 4: runBelow, 5: runBelow, 6: runBelow, 8: "c", 10: "d", 11: "d" },
  };
  expect(trendSummary(spec)).toContain(
    "8 points signal a real shift: 1 earlier stretch, then Jan 2026 (b); Jan 2026 to Jan 2026 (8 or more in a row below the centre line); Jan 2026 (c); Jan 2026 to Jan 2026 (d).",
  );
});

describe("trendCsv", () => {
  test("one row per bucket, empty cells for missing values, the drawn lines as columns", () => {
    const lines = trendCsv(weeklyMedianDays).trimEnd().split("\r\n");
    expect(lines[0]).toBe("period_start,period_end,wo_median_days,center_line,lower_limit,upper_limit,target,signal");
    expect(lines).toHaveLength(7);
    expect(lines[3]).toBe("2026-11-02,2026-11-09,,4.15,3.3,5,5,");
    expect(lines[6]).toBe("2026-11-23,2026-11-30,9.8,4.15,3.3,5,5,above the upper limit");
  });
  test("quotes cells that contain commas or quotes", () => {
    const csv = trendCsv({ ...weeklyMedianDays, signalReasons: { 5: 'above "upper", limit' } });
    expect(csv).toContain('"above ""upper"", limit"');
  });
});
