import * as Plot from "@observablehq/plot";
import { formatChartValue, periodLabel, type TrendChartSpec } from "./trend-spec";

/** USWDS system colour tokens (blue-60v, orange-50v, green-cool-50v, gray-50, red-60v). */
export const CHART_COLORS = {
  series: ["#005ea2", "#c05600"],
  target: "#008817",
  limits: "#71767a",
  signal: "#b50909",
} as const;

export interface ChartSize {
  width?: number;
  height?: number;
}

/** A white outline behind line labels, so a label that sits on a line stays legible. */
const HALO = { stroke: "white", strokeWidth: 3, paintOrder: "stroke" } as const;

interface Datum {
  date: Date;
  label: string;
  series: string;
  value: number;
  signal: boolean;
  reason: string;
}

/** Period starts are local calendar days; drawing them as UTC midnights keeps the tick labels on those days. */
function toDate(day: string) {
  return new Date(`${day}T00:00:00Z`);
}

export function trendChartData(spec: TrendChartSpec): Datum[] {
  const data: Datum[] = [];
  spec.series.forEach((series, s) => {
    spec.periods.forEach((period, i) => {
      const value = series.values[i];
      if (value === null || value === undefined) return;
      data.push({
        date: toDate(period.start),
        label: periodLabel(period, spec.grain),
        series: series.label,
        value,
        signal: s === 0 && spec.signals.includes(i),
        reason: s === 0 ? (spec.signalReasons[i] ?? "") : "",
      });
    });
  });
  return data;
}

/**
 * Plot options for a trend chart: one line per series (gaps where a bucket has no data,
 * never a fake zero), the SLA target as a dashed line, the XmR natural process limits as
 * dotted lines around the centre line, and signals as red diamonds — a shape as well as a
 * colour, so they read in greyscale print. Pure: the same spec gives the same options on
 * the server and in the browser.
 */
export function trendPlotOptions(spec: TrendChartSpec, size: ChartSize = {}): Plot.PlotOptions {
  const data = trendChartData(spec);
  const fmt = (v: number) => formatChartValue(v, spec.unit);
  const first = spec.periods[0];
  const last = spec.periods[spec.periods.length - 1];
  const xDomain = first && last ? [toDate(first.start), toDate(last.start)] : undefined;
  const marks: Plot.Markish[] = [Plot.ruleY([0], { stroke: "#a9aeb1" })];

  if (spec.limits) {
    const { center, lower, upper } = spec.limits;
    marks.push(
      Plot.ruleY([center], { stroke: CHART_COLORS.limits, strokeWidth: 1 }),
      Plot.ruleY([lower, upper], { stroke: CHART_COLORS.limits, strokeDasharray: "2 3" }),
      Plot.text(
        [
          { x: xDomain?.[1], y: upper, text: `upper limit ${fmt(upper)}` },
          { x: xDomain?.[1], y: lower, text: `lower limit ${fmt(lower)}` },
        ].filter((d) => d.x && d.y >= 0 && (spec.unit !== "percent" || d.y <= 100)),
        { x: "x", y: "y", text: "text", textAnchor: "end", dy: -5, fill: CHART_COLORS.limits, ...HALO },
      ),
    );
  }
  if (spec.target) {
    marks.push(
      Plot.ruleY([spec.target.value], { stroke: CHART_COLORS.target, strokeWidth: 2, strokeDasharray: "6 4" }),
      Plot.text(xDomain ? [{ x: xDomain[0], ...spec.target }] : [], {
        x: "x",
        y: "value",
        text: "label",
        textAnchor: "start",
        dy: -6,
        fill: CHART_COLORS.target,
        fontWeight: "bold",
        ...HALO,
      }),
    );
  }
  spec.series.forEach((series, s) => {
    const color = CHART_COLORS.series[s % CHART_COLORS.series.length];
    const points = data.filter((d) => d.series === series.label);
    // Plot breaks a line where y is missing, so empty buckets show as gaps.
    const aligned = spec.periods.map((p, i) => ({ date: toDate(p.start), value: series.values[i] ?? NaN }));
    marks.push(
      Plot.lineY(aligned, { x: "date", y: "value", stroke: color, strokeWidth: 2 }),
      Plot.dot(points, { x: "date", y: "value", fill: color, r: 2.5 }),
    );
  });
  marks.push(
    Plot.dot(
      data.filter((d) => d.signal),
      { x: "date", y: "value", symbol: "diamond", r: 6, fill: CHART_COLORS.signal, stroke: "white" },
    ),
    Plot.tip(
      data,
      Plot.pointerX({
        x: "date",
        y: "value",
        title: (d: Datum) =>
          [`${d.label}`, `${d.series}: ${fmt(d.value)}`, d.signal ? `Signal: ${d.reason}` : ""].filter(Boolean).join("\n"),
      }),
    ),
  );

  const maxData = Math.max(0, ...data.map((d) => d.value), spec.target?.value ?? 0, spec.limits?.upper ?? 0);
  return {
    width: size.width ?? 560,
    height: size.height ?? 240,
    marginLeft: 48,
    marginRight: 16,
    ariaLabel: spec.title,
    style: { fontSize: "12px", fontFamily: "inherit", overflow: "visible" },
    x: { type: "utc", domain: xDomain, label: null },
    y: {
      domain: spec.unit === "percent" ? [0, 100] : [0, maxData === 0 ? 1 : maxData * 1.08],
      grid: true,
      label: spec.unit === "percent" ? "%" : spec.unit === "days" ? "days" : "count",
      tickFormat: spec.unit === "count" ? "~s" : undefined,
    },
    marks,
  };
}
