import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { requireDepartmentAccess, requirePermission, viewerScope } from "~/auth/require.server";
import { TrendChart } from "~/charts/trend-chart";
import { PeriodPicker } from "~/components/period-picker";
import { parsePeriodQuery } from "~/components/period-picker.server";
import { dayName, selectionPeriod, selectionSearch } from "~/components/period-selection";
import { parseDepartmentId } from "~/components/route-params.server";
import { getDepartmentTrendCharts, TREND_LENGTH, trendEnd } from "~/trends/department-charts.server";
import { parseGrain } from "~/trends/trend-query.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Trends · ${data?.trends.department.name ?? "Department"} · CompStat 311` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "read:scorecard:own");
  const departmentId = parseDepartmentId(params.departmentId);
  requireDepartmentAccess(viewer, departmentId);
  const search = new URL(request.url).searchParams;
  const { selection, error } = parsePeriodQuery(search);
  const grain = parseGrain(search);
  const end = trendEnd(selectionPeriod(selection), grain);
  const trends = await getDepartmentTrendCharts(await getDb(), { scope: viewerScope(viewer), departmentId, grain, end });
  if (!trends) throw new Response("No such department.", { status: 404 });
  return { trends, selection, error, grain, end, length: TREND_LENGTH[grain] };
}

export default function DepartmentTrends() {
  const { trends, selection, error, grain, end, length } = useLoaderData<typeof loader>();
  const { department } = trends;
  const search = selectionSearch(selection);
  const withGrain = (g: string) => {
    const p = new URLSearchParams(search);
    p.set("grain", g);
    return p;
  };
  const csvHref = (chart: string) => {
    const p = withGrain(grain);
    p.set("chart", chart);
    return `/departments/${department.id}/trends.csv?${p}`;
  };
  return (
    <>
      <nav aria-label="Breadcrumbs" className="usa-breadcrumb cs-no-print">
        <ol className="usa-breadcrumb__list">
          <li className="usa-breadcrumb__list-item">
            <Link className="usa-breadcrumb__link" to={`/?${search}`}>
              Citywide scorecard
            </Link>
          </li>
          <li className="usa-breadcrumb__list-item">
            <Link className="usa-breadcrumb__link" to={`/departments/${department.id}?${search}`}>
              {department.name}
            </Link>
          </li>
          <li className="usa-breadcrumb__list-item usa-current" aria-current="page">
            Trends
          </li>
        </ol>
      </nav>
      <h1>
        {department.name} · {grain === "week" ? "weekly" : "monthly"} trends
      </h1>
      <p className="cs-lede">
        The last {length} {grain === "week" ? "weeks (Monday to Sunday)" : "months"} to {dayName(end)}. Dotted lines are the natural
        process limits (XmR): points inside them are routine variation; a red diamond marks a real shift — a point outside the limits,
        or eight in a row on one side of the centre line.
      </p>
      <ul className="cs-tabs cs-no-print" aria-label="Grain">
        {(["week", "month"] as const).map((g) => (
          <li key={g}>
            <Link
              to={`?${withGrain(g)}`}
              className={`usa-button${g === grain ? "" : " usa-button--outline"}`}
              aria-current={g === grain ? "page" : undefined}
            >
              {g === "week" ? "Weekly" : "Monthly"}
            </Link>
          </li>
        ))}
      </ul>
      <PeriodPicker selection={selection} defaultMonth={end.slice(0, 7)} error={error} />
      <div className="cs-charts">
        {trends.charts.map((chart) => (
          <TrendChart key={chart.spec.id} chart={chart} csvHref={csvHref(chart.spec.id)} />
        ))}
      </div>
    </>
  );
}
