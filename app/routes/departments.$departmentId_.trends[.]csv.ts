import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { requireDepartmentAccess, requirePermission, viewerScope } from "~/auth/require.server";
import { parsePeriodQuery } from "~/components/period-picker.server";
import { selectionPeriod } from "~/components/period-selection";
import { parseDepartmentId } from "~/components/route-params.server";
import { getDepartmentTrendSpecs, trendChartCsv, trendEnd } from "~/trends/department-charts.server";
import { parseChartCsvQuery } from "~/trends/trend-query.server";

/** Exactly one chart's data, as drawn on the trends page with the same query string. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "read:scorecard:own");
  const departmentId = parseDepartmentId(params.departmentId);
  requireDepartmentAccess(viewer, departmentId);
  const search = new URL(request.url).searchParams;
  const { chart, grain } = parseChartCsvQuery(search);
  const end = trendEnd(selectionPeriod(parsePeriodQuery(search).selection), grain);
  const specs = await getDepartmentTrendSpecs(await getDb(), { scope: viewerScope(viewer), departmentId, grain, end });
  if (!specs) throw new Response("No such department.", { status: 404 });
  const file = `department-${departmentId}-${chart}-${grain}-to-${end}.csv`;
  return new Response(trendChartCsv(specs, chart), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
