import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { requirePermission, viewerScope } from "~/auth/require.server";
import { ChangeBadge } from "~/components/change-badge";
import { CompositeBreakdown } from "~/components/composite-breakdown";
import { DefinitionsPanel, MetricDefinition } from "~/components/metric-definition";
import { MetricValue } from "~/components/metric-value";
import { OutcomeLegend } from "~/components/outcome-mix-bar";
import { PeriodPicker } from "~/components/period-picker";
import { parsePeriodQuery } from "~/components/period-picker.server";
import { SCORECARD_COLUMNS, sortRows } from "~/components/scorecard-columns";
import { parseSortQuery } from "~/components/scorecard-sort.server";
import { ScorecardTable } from "~/components/scorecard-table";
import { describePeriod, priorSelectionPeriod, selectionLabel, selectionPeriod, selectionSearch } from "~/components/period-selection";
import { compositeFromMetrics } from "~/metrics/composite";
import { METRICS, formatMetric, type MetricId } from "~/metrics/registry";
import { getCitywideScorecard, type ScorecardMetrics } from "~/scorecards/queries.server";

export const meta: MetaFunction = () => [{ title: "Citywide scorecard · CompStat 311" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "read:scorecard:own");
  const params = new URL(request.url).searchParams;
  const { selection, error } = parsePeriodQuery(params);
  const sort = parseSortQuery(params);
  const db = await getDb();
  const scope = viewerScope(viewer);
  // The citywide row carries no prior of its own; the prior period's scorecard supplies it.
  const [scorecard, prior] = await Promise.all([
    getCitywideScorecard(db, { scope, period: selectionPeriod(selection) }),
    getCitywideScorecard(db, { scope, period: priorSelectionPeriod(selection) }),
  ]);
  return {
    scorecard: {
      ...scorecard,
      citywide: { ...scorecard.citywide, prior: prior.citywide },
      departments: sortRows(
        scorecard.departments.map((d) => ({ ...d, prior: { ...d.prior, compositeScore: priorComposite(d.prior) } })),
        sort.key,
        sort.dir,
      ),
    },
    selection,
    error,
    sort,
    wholeCity: scope.kind === "all",
  };
}

function priorComposite({ outcomeMix: _mix, ...numbers }: ScorecardMetrics) {
  return compositeFromMetrics(numbers).score;
}

const HEADLINE: readonly { id: MetricId; empty: string }[] = [
  { id: "compositeScore", empty: "no metric with a target has data in this period" },
  { id: "woMedianDays", empty: "no completed work orders in this period" },
  { id: "woOnTimePct", empty: "no work orders with an SLA due or done in this period" },
  { id: "openWoPastSlaAtEnd", empty: "no open work orders" },
  { id: "suspectedDuplicates", empty: "no requests created in this period" },
];

export default function CitywideScorecard() {
  const { scorecard, selection, error, sort, wholeCity } = useLoaderData<typeof loader>();
  const search = selectionSearch(selection);
  const prior = priorSelectionPeriod(selection);
  const city = scorecard.citywide;
  return (
    <>
      <div className="cs-page-head">
        <h1>
          {wholeCity ? "Citywide scorecard" : "Scorecard of your departments"} · {selectionLabel(selection)}
        </h1>
      </div>
      <p className="cs-lede">
        {scorecard.departments.length} {scorecard.departments.length === 1 ? "department" : "departments"}, sorted by {sort.key === "name" ? "name" : METRICS[sort.key].label.toLowerCase()}, {sort.dir === "asc" ? "lowest" : "highest"} first.
        Every number opens the department page that explains it. ▲▼ compare with {describePeriod(prior)}; “better” and “worse” follow
        each metric's direction.
      </p>
      <PeriodPicker selection={selection} defaultMonth={selectionPeriod(selection).from.slice(0, 7)} error={error} />
      {city.requestsCreated === 0 && city.woClosed === 0 && city.openWoAtEnd === 0 ? (
        <div className="usa-alert usa-alert--info usa-alert--slim">
          <div className="usa-alert__body">
            <p className="usa-alert__text">
              No requests were created and no work orders were closed or open in {selectionLabel(selection)}. Choose another period
              above, or check the import history.
            </p>
          </div>
        </div>
      ) : null}

      <ul className="cs-kpis" aria-label="Headline numbers">
        {HEADLINE.map(({ id, empty }) => (
          <li key={id} className="cs-kpi">
            <div className="cs-kpi__label">
              <MetricDefinition id={id} />
            </div>
            <div className="cs-kpi__value">
              <MetricValue id={id} value={city[id as keyof typeof city] as number | null} empty={empty} />
            </div>
            <div className="cs-kpi__note">
              <ChangeBadge id={id} current={city[id as keyof typeof city] as number | null} prior={city.prior?.[id as keyof typeof city.prior] as number | null} />
            </div>
          </li>
        ))}
      </ul>
      {city.composite ? (
        <details className="cs-definitions" id="composite">
          <summary>How the {wholeCity ? "citywide" : "combined"} composite score of {formatMetric("compositeScore", city.compositeScore)} was computed</summary>
          <CompositeBreakdown composite={city.composite} />
        </details>
      ) : null}

      <ScorecardTable
        rows={scorecard.departments}
        citywide={{ ...city, id: 0, name: wholeCity ? "Citywide" : "All your departments" }}
        sort={sort}
        search={search}
        departmentHref={(id, section) => `/departments/${id}?${search}${section ? `#${section}` : ""}`}
      />
      <OutcomeLegend mix={city.outcomeMix} />
      <DefinitionsPanel ids={SCORECARD_COLUMNS.map((c) => c.id)} />
    </>
  );
}
