import { z } from "zod";
import { TREND_CHART_IDS } from "./presenter";

const grain = z.enum(["week", "month"]).catch("week");

/** The trend page's grain (weekly unless asked otherwise). */
export function parseGrain(params: URLSearchParams) {
  return grain.parse(params.get("grain") ?? undefined);
}

const chartQuery = z.object({ chart: z.enum(TREND_CHART_IDS), grain: z.enum(["week", "month"]) });

/** A CSV download names its chart and grain exactly; a wrong one is a 400 that says which field. */
export function parseChartCsvQuery(params: URLSearchParams) {
  const parsed = chartQuery.safeParse({ chart: params.get("chart") ?? undefined, grain: params.get("grain") ?? undefined });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Response(`Bad request: ${issue.path.join(".")} must be one of ${issue.path[0] === "chart" ? TREND_CHART_IDS.join(", ") : "week, month"}.`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  return parsed.data;
}
