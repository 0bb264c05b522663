import type { Db } from "#db/client.server";
import type { Scope } from "~/auth/scope";
import { trendCsv } from "~/charts/csv";
import { renderPlotSvg } from "~/charts/render.server";
import { trendSummary } from "~/charts/summary";
import type { RenderedTrendChart } from "~/charts/trend-chart";
import { trendPlotOptions } from "~/charts/trend-options";
import type { TrendChartSpec, TrendGrain } from "~/charts/trend-spec";
import { addDays, bucketStart, type LocalDate, type Period } from "~/metrics/periods";
import { METRICS } from "~/metrics/registry";
import { getDepartmentTrend } from "~/scorecards/queries.server";
import { TREND_CHART_IDS, presentDepartmentTrends, type TrendChartId } from "./presenter";

/** Half a year of weeks, two years of months: enough points for XmR limits and a seasonal view. */
export const TREND_LENGTH: Record<TrendGrain, number> = { week: 26, month: 24 };

const DEFINITIONS = {
  woMedianDays: METRICS.woMedianDays.formula,
  woSlaMetPct: METRICS.woSlaMetPct.formula,
  volume: `${METRICS.woCompleted.formula} ${METRICS.requestsCreated.formula}`,
  backlog: METRICS.openWoAtEnd.formula.replace("the period's end", "the end of each bucket"),
};

export interface DepartmentTrendSpecs {
  department: { id: number; name: string };
  grain: TrendGrain;
  specs: Record<TrendChartId, TrendChartSpec>;
}

/**
 * The last day of the last whole bucket inside the period: a chart that ended with a bucket
 * the period only touches would show a one-day week as a sudden drop.
 */
export function trendEnd(period: Period, grain: TrendGrain): LocalDate {
  return addDays(bucketStart(period.to, grain), -1);
}

/** The department's trend charts as data; null outside the viewer's scope. */
export async function getDepartmentTrendSpecs(
  db: Db,
  args: { scope: Scope; departmentId: number; grain: TrendGrain; end: LocalDate },
): Promise<DepartmentTrendSpecs | null> {
  const trend = await getDepartmentTrend(db, { ...args, periods: TREND_LENGTH[args.grain] });
  if (!trend) return null;
  const specs = presentDepartmentTrends({ grain: args.grain, rows: trend.points, targets: {}, definitions: DEFINITIONS });
  return { department: trend.department, grain: args.grain, specs };
}

/** The same charts rendered: server SVG and summary beside each spec. */
export async function getDepartmentTrendCharts(
  db: Db,
  args: { scope: Scope; departmentId: number; grain: TrendGrain; end: LocalDate },
): Promise<(Omit<DepartmentTrendSpecs, "specs"> & { charts: RenderedTrendChart[] }) | null> {
  const result = await getDepartmentTrendSpecs(db, args);
  if (!result) return null;
  const charts = TREND_CHART_IDS.map((id) => {
    const spec = result.specs[id];
    return { spec, svg: renderPlotSvg(trendPlotOptions(spec)), summary: trendSummary(spec) };
  });
  return { department: result.department, grain: result.grain, charts };
}

export function trendChartCsv(specs: DepartmentTrendSpecs, chartId: TrendChartId): string {
  return trendCsv(specs.specs[chartId]);
}
