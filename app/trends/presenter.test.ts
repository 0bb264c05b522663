import { presentDepartmentTrends, slaTargetLine, withProcessLimits, type TrendBucketRow } from "./presenter";

const definitions = { woMedianDays: "median", woSlaMetPct: "sla", volume: "volume", backlog: "backlog" };

function week(start: string, end: string, over: Partial<TrendBucketRow> = {}): TrendBucketRow {
  return {
    bucket: { start, end },
    requestsCreated: 10,
    woCompleted: 8,
    woMedianDays: 4,
    woSlaMetPct: 80,
    openWoAtEnd: 20,
    slaTargetDays: 7,
    ...over,
  };
}

describe("withProcessLimits", () => {
  test("flags a point beyond the limits and explains it", () => {
    const { limits, signals, signalReasons } = withProcessLimits([4, 4.2, 3.9, 4.1, 4, 4.1, 12]);
    expect(limits).not.toBeNull();
    expect(signals).toEqual([6]);
    expect(signalReasons[6]).toBe("above the upper limit");
  });
  test("a percentage's upper limit never passes 100 and no lower limit goes below 0", () => {
    const { limits } = withProcessLimits([10, 95, 5, 90, 20, 99], 100);
    expect(limits!.upper).toBeLessThanOrEqual(100);
    expect(limits!.lower).toBeGreaterThanOrEqual(0);
  });
  test("fewer than two values: no limits, no signals", () => {
    expect(withProcessLimits([null, 3, null])).toEqual({ limits: null, signals: [], signalReasons: {} });
  });
});

describe("slaTargetLine", () => {
  test.each([
    [[7, 7, 7], { value: 7, label: "SLA target 7 days" }],
    [[5, 7, null], { value: 7, label: "SLA target 7 days (latest)" }],
    [[null, null, null], null],
  ])("%j", (targets, expected) => {
    const rows = targets.map((t, i) => week(`2026-11-0${i + 1}`, `2026-11-0${i + 2}`, { slaTargetDays: t }));
    expect(slaTargetLine(rows)).toEqual(expected);
  });
});

describe("presentDepartmentTrends", () => {
  const rows = [
    week("2026-11-02", "2026-11-09"),
    week("2026-11-09", "2026-11-16", { woCompleted: 0, woMedianDays: null, woSlaMetPct: null }),
    week("2026-11-16", "2026-11-23", { woMedianDays: 5 }),
  ];
  const charts = presentDepartmentTrends({
    grain: "week",
    rows,
    targets: { slaMetPct: null },
    definitions,
  });

  test("keeps every bucket, with null (not 0) where a week has no completed work orders", () => {
    expect(charts["median-days"].periods).toHaveLength(3);
    expect(charts["median-days"].series[0].values).toEqual([4, null, 5]);
    expect(charts["volume"].series[0].values).toEqual([8, 0, 8]);
  });
  test("puts the target only where one applies", () => {
    expect(charts["median-days"].target).toEqual({ value: 7, label: "SLA target 7 days" });
    expect(charts["sla-met"].target).toBeNull();
    expect(charts["volume"].series.map((s) => s.key)).toEqual(["wo_completed", "requests_created"]);
  });
});
