import { csvCell } from "~/utils/csv";
import type { TrendChartSpec } from "./trend-spec";


/** Exactly the chart's data: one row per period, one column per series, then the lines drawn on it. */
export function trendCsv(spec: TrendChartSpec): string {
  const header = [
    "period_start",
    "period_end",
    ...spec.series.map((s) => s.key),
    "center_line",
    "lower_limit",
    "upper_limit",
    "target",
    "signal",
  ];
  const rows = spec.periods.map((period, i) => [
    period.start,
    period.end,
    ...spec.series.map((s) => s.values[i]),
    spec.limits?.center,
    spec.limits?.lower,
    spec.limits?.upper,
    spec.target?.value,
    spec.signals.includes(i) ? (spec.signalReasons[i] ?? "signal") : "",
  ]);
  return [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
