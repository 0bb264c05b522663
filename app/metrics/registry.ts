/**
 * Every metric of DESIGN §4, once: its key (the JSON key of `npm run scorecard` and the
 * API), its labels, unit, which direction is better, the formula in plain words that the
 * UI shows beside the number, and how to format a value. Pages, CSV headers, the briefing
 * packet and the composite all read from here.
 */

export type MetricUnit = "days" | "count" | "pct" | "score";
export type BetterDirection = "lower" | "higher" | "none";
/** `request`: an SR counts for its owner department; `work_order`: a WO for its own department. */
export type MetricLevel = "request" | "work_order" | "composite";

export interface MetricDefinition<Id extends string = string> {
  id: Id;
  label: string;
  shortLabel: string;
  unit: MetricUnit;
  better: BetterDirection;
  level: MetricLevel;
  /** `mix`: a value per outcome category (see `outcomeMix` in compute.ts) rather than one number */
  shape: "scalar" | "mix";
  formula: string;
  /** the target of this metric in the composite score, if it is part of it */
  compositeTarget?: number;
}

/**
 * The composite's cap on one metric's score: one metric cannot lift the average by more
 * than half a point, so a department far ahead on one metric cannot hide a miss on
 * another, and a lower-is-better metric at 0 (target ÷ 0) stays finite.
 */
export const COMPOSITE_CAP = 1.5;

const NO_VALUE = "—";

const countFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * Formats a value for display; `null` (an empty set) shows as "—", never as 0. Days below
 * one keep two decimals, because same-day work (0.04 d ≈ 1 h) would otherwise read 0.0.
 */
export function formatValue(unit: MetricUnit, value: number | null | undefined): string {
  if (value == null || Number.isNaN(value)) return NO_VALUE;
  switch (unit) {
    case "count":
      return countFormat.format(value);
    case "pct":
      return `${oneDecimal.format(value)}%`;
    case "days":
      return `${(Math.abs(value) < 1 ? twoDecimals : oneDecimal).format(value)} d`;
    case "score":
      return twoDecimals.format(value);
  }
}

function define<const Id extends string>(m: MetricDefinition<Id>): MetricDefinition<Id> {
  return m;
}

export const METRICS = {
  requestsCreated: define({
    id: "requestsCreated",
    label: "Requests created",
    shortLabel: "Created",
    unit: "count",
    better: "none",
    level: "request",
    shape: "scalar",
    formula: "Service requests whose created time falls in the period.",
  }),
  requestsClosed: define({
    id: "requestsClosed",
    label: "Requests closed",
    shortLabel: "Closed",
    unit: "count",
    better: "none",
    level: "request",
    shape: "scalar",
    formula: "Service requests whose closed time falls in the period, whatever their status.",
  }),
  requestMedianDaysToClose: define({
    id: "requestMedianDaysToClose",
    label: "Median days to close a request",
    shortLabel: "Median days to close",
    unit: "days",
    better: "lower",
    level: "request",
    shape: "scalar",
    formula: "Median of created → closed, in elapsed days, over the requests closed in the period.",
  }),
  requestChainedSlaDays: define({
    id: "requestChainedSlaDays",
    label: "Median chained SLA of a request",
    shortLabel: "Median chained SLA",
    unit: "days",
    better: "none",
    level: "request",
    shape: "scalar",
    formula:
      "For each request closed in the period whose work orders all have an SLA, the sum of those SLAs (the end-to-end promise the chain implies); the median of those sums.",
  }),
  requestWithinChainedSlaPct: define({
    id: "requestWithinChainedSlaPct",
    label: "Requests closed within their chained SLA",
    shortLabel: "Within chained SLA",
    unit: "pct",
    better: "higher",
    level: "request",
    shape: "scalar",
    formula:
      "100 × requests closed in the period whose created → closed time is at most the sum of their work orders' SLAs ÷ requests closed in the period whose work orders all have an SLA.",
  }),
  woCompleted: define({
    id: "woCompleted",
    label: "Work orders completed",
    shortLabel: "Completed",
    unit: "count",
    better: "none",
    level: "work_order",
    shape: "scalar",
    formula: "Work orders with status Completed whose completed time falls in the period.",
  }),
  woMedianDays: define({
    id: "woMedianDays",
    label: "Median days to complete",
    shortLabel: "Median days",
    unit: "days",
    better: "lower",
    level: "work_order",
    shape: "scalar",
    formula: "Median of created → completed, in elapsed days, over the work orders completed in the period (linear interpolation, like percentile_cont).",
  }),
  woP90Days: define({
    id: "woP90Days",
    label: "90th percentile days to complete",
    shortLabel: "P90 days",
    unit: "days",
    better: "lower",
    level: "work_order",
    shape: "scalar",
    formula: "90th percentile of created → completed, in elapsed days, over the work orders completed in the period (linear interpolation).",
  }),
  woMeanDays: define({
    id: "woMeanDays",
    label: "Mean days to complete",
    shortLabel: "Mean days",
    unit: "days",
    better: "lower",
    level: "work_order",
    shape: "scalar",
    formula: "Arithmetic mean of created → completed, in elapsed days, over the work orders completed in the period; pulled up by a few very late ones, which is why the median is shown first.",
  }),
  woSlaMetPct: define({
    id: "woSlaMetPct",
    label: "Completed within SLA",
    shortLabel: "SLA met",
    unit: "pct",
    better: "higher",
    level: "work_order",
    shape: "scalar",
    formula:
      "100 × work orders completed in the period within their SLA (duration ≤ SLA days) ÷ those completed with an SLA. A work order's SLA is its own SLA days, else the target in force for its type when it was created; work orders without an SLA are left out.",
  }),
  woOnTimePct: define({
    id: "woOnTimePct",
    label: "On time, counting open late work",
    shortLabel: "On time",
    unit: "pct",
    better: "higher",
    level: "work_order",
    shape: "scalar",
    formula:
      "100 × completed within SLA ÷ (completed within SLA + completed late + still open past SLA at the period's end). Late work that is still open counts as late now, not when it is finally closed.",
    compositeTarget: 90,
  }),
  woClosed: define({
    id: "woClosed",
    label: "Work orders closed",
    shortLabel: "Closed",
    unit: "count",
    better: "none",
    level: "work_order",
    shape: "scalar",
    formula: "Work orders Completed or Canceled whose closing time falls in the period (a cancelled work order closes at its completed date).",
  }),
  openWoAtEnd: define({
    id: "openWoAtEnd",
    label: "Open work orders at period end",
    shortLabel: "Backlog",
    unit: "count",
    better: "lower",
    level: "work_order",
    shape: "scalar",
    formula: "Work orders created before the period's end and not completed or cancelled before it.",
  }),
  openWoPastSlaAtEnd: define({
    id: "openWoPastSlaAtEnd",
    label: "Open work orders past SLA at period end",
    shortLabel: "Backlog past SLA",
    unit: "count",
    better: "lower",
    level: "work_order",
    shape: "scalar",
    formula: "Of the work orders open at the period's end, those older than their SLA days at that moment.",
  }),
  openWoPastSlaPct: define({
    id: "openWoPastSlaPct",
    label: "Share of backlog past SLA",
    shortLabel: "Backlog past SLA %",
    unit: "pct",
    better: "lower",
    level: "work_order",
    shape: "scalar",
    formula: "100 × open work orders past SLA at the period's end ÷ open work orders at the period's end.",
    compositeTarget: 10,
  }),
  outcomeMix: define({
    id: "outcomeMix",
    label: "Outcome mix",
    shortLabel: "Outcomes",
    unit: "pct",
    better: "none",
    level: "work_order",
    shape: "mix",
    formula:
      "For each of the eight canonical outcomes, the count and share of work orders closed in the period. A cancelled work order without an outcome is 'Cancelled'; any other blank or unmapped outcome is 'Other / unmapped'.",
  }),
  flaggedDuplicatePct: define({
    id: "flaggedDuplicatePct",
    label: "Requests flagged as duplicates",
    shortLabel: "Flagged duplicates",
    unit: "pct",
    better: "none",
    level: "request",
    shape: "scalar",
    formula: "100 × requests created in the period with the DUPLICATE flag set ÷ requests created in the period.",
  }),
  suspectedDuplicates: define({
    id: "suspectedDuplicates",
    label: "Suspected hidden duplicates",
    shortLabel: "Suspected duplicates",
    unit: "count",
    better: "lower",
    level: "request",
    shape: "scalar",
    formula:
      "Requests created in the period, not flagged as duplicates, that the duplicate detector links to an earlier open (or just closed) request of the same type at the same or a nearby address.",
  }),
  suspectedDuplicatePct: define({
    id: "suspectedDuplicatePct",
    label: "Suspected hidden duplicate rate",
    shortLabel: "Suspected duplicates %",
    unit: "pct",
    better: "lower",
    level: "request",
    shape: "scalar",
    formula: "100 × suspected hidden duplicates ÷ requests created in the period.",
  }),
  compositeScore: define({
    id: "compositeScore",
    label: "Composite score",
    shortLabel: "Score",
    unit: "score",
    better: "higher",
    level: "composite",
    shape: "scalar",
    formula:
      `Mean over the metrics with a target of actual ÷ target (target ÷ actual where lower is better), each capped at ${COMPOSITE_CAP}; 1.00 means on target. Metrics without data are left out.`,
  }),
} as const;

export type MetricId = keyof typeof METRICS;

export const METRIC_IDS = Object.keys(METRICS) as MetricId[];

export function metric(id: MetricId): MetricDefinition<MetricId> {
  return METRICS[id];
}

export function formatMetric(id: MetricId, value: number | null | undefined): string {
  return formatValue(METRICS[id].unit, value);
}
