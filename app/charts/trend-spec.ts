/**
 * What a trend chart shows, as plain data: the presenter builds it on the server, the
 * loader sends it to the browser, and the SVG, the CSV and the text summary are all
 * derived from this one object — so the three can never disagree.
 */
export type ChartUnit = "days" | "percent" | "count";
export type TrendGrain = "week" | "month";

export interface TrendPeriod {
  /** First local day of the bucket, YYYY-MM-DD. */
  start: string;
  /** Day after the last local day of the bucket, YYYY-MM-DD (half-open, like every metric period). */
  end: string;
}

export interface TrendSeries {
  key: string;
  label: string;
  /** One value per period, aligned with `periods`; null where the metric has no data (an empty set). */
  values: (number | null)[];
}

export interface NaturalProcessLimits {
  center: number;
  lower: number;
  upper: number;
}

export interface TrendChartSpec {
  id: string;
  title: string;
  /** The metric registry's definition of the primary series, shown beside the chart. */
  definition: string;
  unit: ChartUnit;
  grain: TrendGrain;
  periods: TrendPeriod[];
  /** `series[0]` is the primary series: limits and signals refer to it. */
  series: TrendSeries[];
  target: { value: number; label: string } | null;
  limits: NaturalProcessLimits | null;
  /** Indices into `periods` where the primary series signals a real shift (XmR rules). */
  signals: number[];
  /** Why a point signals, by index, in words ("above the upper limit"). */
  signalReasons: Record<number, string>;
}

const UNIT_WORDS: Record<ChartUnit, string> = { days: "days", percent: "%", count: "" };

export function formatChartValue(value: number | null, unit: ChartUnit): string {
  if (value === null || !Number.isFinite(value)) return "no data";
  if (unit === "count") return Math.round(value).toLocaleString("en-US");
  if (unit === "percent") return `${value.toFixed(1)}%`;
  return `${value.toFixed(1)} ${UNIT_WORDS[unit]}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "week of Nov 23, 2026" or "Nov 2026": how a bucket is named in words. */
export function periodLabel(period: TrendPeriod, grain: TrendGrain): string {
  const [y, m, d] = period.start.split("-").map(Number);
  return grain === "month" ? `${MONTHS[m - 1]} ${y}` : `week of ${MONTHS[m - 1]} ${d}, ${y}`;
}
