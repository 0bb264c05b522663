import type { TrendChartSpec, TrendGrain, TrendPeriod } from "~/charts/trend-spec";
import { xmrChart, type XmrSignal } from "~/metrics/xmr";

/** One bucket of a department's trend, as the trend query returns it (null = empty set). */
export interface TrendBucketRow {
  bucket: TrendPeriod;
  requestsCreated: number;
  woCompleted: number;
  woMedianDays: number | null;
  woSlaMetPct: number | null;
  openWoAtEnd: number;
  /** the SLA target in force at the bucket's end when the department's WO types share one */
  slaTargetDays: number | null;
}

export interface TrendTargets {
  /** the attainment goal for SLA met %, when there is one */
  slaMetPct?: { value: number; label: string } | null;
}

/**
 * The SLA line for the median chart: the target in force at the end of the latest bucket
 * that has one. A department whose WO types carry different SLAs has no single line to draw.
 */
export function slaTargetLine(rows: readonly TrendBucketRow[]): TrendChartSpec["target"] {
  const latest = [...rows].reverse().find((r) => r.slaTargetDays != null)?.slaTargetDays;
  if (latest == null) return null;
  const changed = rows.some((r) => r.slaTargetDays != null && r.slaTargetDays !== latest);
  return { value: latest, label: `SLA target ${latest} days${changed ? " (latest)" : ""}` };
}

export interface TrendDefinitions {
  woMedianDays: string;
  woSlaMetPct: string;
  volume: string;
  backlog: string;
}

export const TREND_CHART_IDS = ["median-days", "sla-met", "volume", "backlog"] as const;
export type TrendChartId = (typeof TREND_CHART_IDS)[number];

const SIGNAL_WORDS: Record<XmrSignal, string> = {
  above_limit: "above the upper limit",
  below_limit: "below the lower limit",
  run_above: "8 or more in a row above the centre line",
  run_below: "8 or more in a row below the centre line",
};

/** XmR limits and signals for a series; quantities that cannot be negative get a floor of 0. */
export function withProcessLimits(
  values: (number | null)[],
  ceiling?: number,
): Pick<TrendChartSpec, "limits" | "signals" | "signalReasons"> {
  const chart = xmrChart(values, { floor: 0 });
  if (chart.centre === null || chart.upperLimit === null || chart.lowerLimit === null) {
    return { limits: null, signals: [], signalReasons: {} };
  }
  const signals: number[] = [];
  const signalReasons: Record<number, string> = {};
  for (const point of chart.points) {
    if (point.signals.length === 0) continue;
    signals.push(point.index);
    signalReasons[point.index] = point.signals.map((s) => SIGNAL_WORDS[s]).join("; ");
  }
  const upper = ceiling === undefined ? chart.upperLimit : Math.min(ceiling, chart.upperLimit);
  return { limits: { center: chart.centre, lower: chart.lowerLimit, upper }, signals, signalReasons };
}

/**
 * The department's four trend charts, chart-ready: every bucket present (counts
 * zero-filled by the query, medians and percentages null where the bucket is empty),
 * XmR limits on the primary series, targets where one applies.
 */
export function presentDepartmentTrends(input: {
  grain: TrendGrain;
  rows: TrendBucketRow[];
  targets: TrendTargets;
  definitions: TrendDefinitions;
}): Record<TrendChartId, TrendChartSpec> {
  const { grain, rows, targets, definitions } = input;
  const periods: TrendPeriod[] = rows.map((r) => ({ start: r.bucket.start, end: r.bucket.end }));
  const per = grain === "week" ? "weekly" : "monthly";
  const series = (key: Exclude<keyof TrendBucketRow, "bucket">) => rows.map((r) => r[key]);

  const median = series("woMedianDays");
  const sla = series("woSlaMetPct");
  const completed = series("woCompleted");
  const open = series("openWoAtEnd");
  return {
    "median-days": {
      id: "median-days",
      title: `Median days to complete a work order, ${per}`,
      definition: definitions.woMedianDays,
      unit: "days",
      grain,
      periods,
      series: [{ key: "wo_median_days", label: "Median days", values: median }],
      target: slaTargetLine(rows),
      ...withProcessLimits(median),
    },
    "sla-met": {
      id: "sla-met",
      title: `Work orders completed within SLA, ${per}`,
      definition: definitions.woSlaMetPct,
      unit: "percent",
      grain,
      periods,
      series: [{ key: "wo_sla_met_pct", label: "SLA met %", values: sla }],
      target: targets.slaMetPct ?? null,
      ...withProcessLimits(sla, 100),
    },
    volume: {
      id: "volume",
      title: `Volume: requests created and work orders completed, ${per}`,
      definition: definitions.volume,
      unit: "count",
      grain,
      periods,
      series: [
        { key: "wo_completed", label: "Work orders completed", values: completed },
        { key: "requests_created", label: "Requests created", values: series("requestsCreated") },
      ],
      target: null,
      ...withProcessLimits(completed),
    },
    backlog: {
      id: "backlog",
      title: `Backlog at the end of each ${grain}`,
      definition: definitions.backlog,
      unit: "count",
      grain,
      periods,
      series: [{ key: "open_wo_at_end", label: "Open work orders", values: open }],
      target: null,
      ...withProcessLimits(open),
    },
  };
}
