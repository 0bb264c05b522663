import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { requireDepartmentAccess, requirePermission, viewerScope } from "~/auth/require.server";
import { ChangeBadge } from "~/components/change-badge";
import { CompositeBreakdown } from "~/components/composite-breakdown";
import { DefinitionsPanel, MetricAbbr, MetricDefinition } from "~/components/metric-definition";
import { MetricValue } from "~/components/metric-value";
import { OUTCOME_COLORS, OutcomeLegend, OutcomeMixBar } from "~/components/outcome-mix-bar";
import { PeriodPicker } from "~/components/period-picker";
import { parsePeriodQuery } from "~/components/period-picker.server";
import { dayName, describePeriod, selectionLabel, selectionPeriod, selectionSearch } from "~/components/period-selection";
import { parseDepartmentId } from "~/components/route-params.server";
import { formatValue, type MetricId } from "~/metrics/registry";
import { listSuspectedDuplicates } from "~/duplicates/queries.server";
import { getDepartmentScorecard } from "~/scorecards/queries.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.scorecard.department.name ?? "Department"} · CompStat 311` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "read:scorecard:own");
  const departmentId = parseDepartmentId(params.departmentId);
  requireDepartmentAccess(viewer, departmentId);
  const { selection, error } = parsePeriodQuery(new URL(request.url).searchParams);
  const db = await getDb();
  const scope = viewerScope(viewer);
  const period = selectionPeriod(selection);
  const [scorecard, pairs] = await Promise.all([
    getDepartmentScorecard(db, { scope, departmentId, period }),
    // The newest pairs only, one more than shown to know whether there are more: the page is for
    // reading, the CLI's CSV for all of them.
    listSuspectedDuplicates(db, { from: period.from, to: period.to, scope, departmentId, newest: PAIRS_SHOWN + 1 }),
  ]);
  if (!scorecard) throw new Response("No such department.", { status: 404 });
  return { scorecard, selection, error, pairs: pairs.slice(0, PAIRS_SHOWN), morePairs: pairs.length > PAIRS_SHOWN };
}

const PAIRS_SHOWN = 50;

const HEADLINE: readonly { id: MetricId; empty: string; section: string }[] = [
  { id: "compositeScore", empty: "no metric with a target has data in this period", section: "composite" },
  { id: "woCompleted", empty: "", section: "work-order-types" },
  { id: "woMedianDays", empty: "no completed work orders in this period", section: "work-order-types" },
  { id: "woSlaMetPct", empty: "no completed work orders with an SLA in this period", section: "work-order-types" },
  { id: "woOnTimePct", empty: "no work orders with an SLA due or done in this period", section: "work-order-types" },
  { id: "openWoPastSlaAtEnd", empty: "no open work orders", section: "backlog" },
  { id: "requestMedianDaysToClose", empty: "no requests closed in this period", section: "request-types" },
  { id: "suspectedDuplicates", empty: "no requests created in this period", section: "duplicates" },
];

export default function DepartmentPage() {
  const { scorecard, selection, error, pairs, morePairs } = useLoaderData<typeof loader>();
  const { department, metrics, prior } = scorecard;
  const search = selectionSearch(selection);
  const numbers = { ...metrics, compositeScore: scorecard.compositeScore } as Record<string, unknown>;
  const priorNumbers = prior as unknown as Record<string, unknown>;
  const openTotal = scorecard.backlogAging.reduce((s, b) => s + b.count, 0);
  return (
    <>
      <nav aria-label="Breadcrumbs" className="usa-breadcrumb cs-no-print">
        <ol className="usa-breadcrumb__list">
          <li className="usa-breadcrumb__list-item">
            <Link className="usa-breadcrumb__link" to={`/?${search}`}>
              Citywide scorecard
            </Link>
          </li>
          <li className="usa-breadcrumb__list-item usa-current" aria-current="page">
            {department.name}
          </li>
        </ol>
      </nav>
      <div className="cs-page-head">
        <h1>
          {department.name} · {selectionLabel(selection)}
        </h1>
        <Link className="usa-button usa-button--outline cs-no-print" to={`/departments/${department.id}/trends?${search}`}>
          Trend charts
        </Link>
      </div>
      <p className="cs-lede">
        Work orders count for the department that did them; requests for their owner department. ▲▼ compare with{" "}
        {describePeriod(scorecard.priorPeriod)}.
      </p>
      <PeriodPicker selection={selection} defaultMonth={scorecard.period.from.slice(0, 7)} error={error} />

      <ul className="cs-kpis" aria-label={`${department.name} headline numbers`}>
        {HEADLINE.map(({ id, empty, section }) => (
          <li key={id} className="cs-kpi">
            <div className="cs-kpi__label">
              <MetricDefinition id={id} />
            </div>
            <div className="cs-kpi__value">
              <MetricValue id={id} value={numbers[id] as number | null} empty={empty} to={`#${section}`} />
            </div>
            <div className="cs-kpi__note">
              <ChangeBadge id={id} current={numbers[id] as number | null} prior={priorNumbers[id] as number | null} />
            </div>
          </li>
        ))}
      </ul>

      <section className="cs-section" id="work-order-types" aria-labelledby="wo-types-h">
        <h2 id="wo-types-h">Work order types</h2>
        <p className="cs-def">
          The SLA is either an <strong>estimated</strong> target the department set, or a <strong>median</strong> of past
          performance that was shown to residents as if it were a target. Sorted by completed work orders.
        </p>
        <div className="cs-table-wrap" tabIndex={0} role="region" aria-label="Work order types">
          <table className="usa-table usa-table--compact cs-scorecard">
            <thead>
              <tr>
                <th scope="col">Work order type</th>
                <th scope="col" className="cs-num"><MetricAbbr id="woCompleted" label="Completed (n)" /></th>
                <th scope="col" className="cs-num"><MetricAbbr id="woMedianDays" /></th>
                <th scope="col" className="cs-num"><MetricAbbr id="woP90Days" /></th>
                <th scope="col" className="cs-num">SLA</th>
                <th scope="col">SLA kind</th>
                <th scope="col" className="cs-num"><MetricAbbr id="woSlaMetPct" /></th>
                <th scope="col" className="cs-num"><MetricAbbr id="woOnTimePct" /></th>
                <th scope="col" className="cs-num"><MetricAbbr id="openWoAtEnd" /></th>
                <th scope="col" className="cs-num"><MetricAbbr id="openWoPastSlaAtEnd" /></th>
                <th scope="col"><MetricAbbr id="outcomeMix" /></th>
              </tr>
            </thead>
            <tbody>
              {[...scorecard.workOrderTypes]
                .sort((a, b) => b.woCompleted - a.woCompleted || a.type.localeCompare(b.type))
                .map((t) => {
                  const late = t.woMedianDays != null && t.slaDays != null && t.woMedianDays > t.slaDays;
                  return (
                    <tr key={t.id}>
                      <th scope="row">{t.type}</th>
                      <td className="cs-num">{formatValue("count", t.woCompleted)}</td>
                      <td className={`cs-num${late ? " cs-gap" : ""}`}>
                        <MetricValue id="woMedianDays" value={t.woMedianDays} empty="no completed work orders of this type" />
                        {late ? <span className="cs-over">over SLA</span> : null}
                      </td>
                      <td className="cs-num">
                        <MetricValue id="woP90Days" value={t.woP90Days} empty="no completed work orders of this type" />
                      </td>
                      <td className="cs-num">{t.slaDays == null ? <span className="cs-null" title="no SLA set or declared for this type">none</span> : formatValue("days", t.slaDays)}</td>
                      <td>{t.slaKind ? <span className={`usa-tag cs-tag--${t.slaKind}`}>{t.slaKind}</span> : "—"}</td>
                      <td className="cs-num">
                        <MetricValue id="woSlaMetPct" value={t.woSlaMetPct} empty="no completed work orders with an SLA" />
                      </td>
                      <td className="cs-num">
                        <MetricValue id="woOnTimePct" value={t.woOnTimePct} empty="no work orders with an SLA due or done" />
                      </td>
                      <td className="cs-num">{formatValue("count", t.openWoAtEnd)}</td>
                      <td className="cs-num">{formatValue("count", t.openWoPastSlaAtEnd)}</td>
                      <td>
                        <OutcomeMixBar mix={t.outcomeMix} compact />
                      </td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
        </div>
      </section>

      <section className="cs-section" id="request-types" aria-labelledby="sr-types-h">
        <h2 id="sr-types-h">Request types, end to end</h2>
        <p className="cs-def">
          Residents are shown the first work order's SLA. A request that needs a chain of work orders really carries the sum of their
          SLAs. Compare both with the median time the requests actually took, created → closed.
        </p>
        <div className="cs-table-wrap" tabIndex={0} role="region" aria-label="Request types end to end">
          <table className="usa-table usa-table--compact cs-scorecard">
            <thead>
              <tr>
                <th scope="col">Request type</th>
                <th scope="col" className="cs-num"><MetricAbbr id="requestsCreated" /></th>
                <th scope="col" className="cs-num"><MetricAbbr id="requestsClosed" /></th>
                <th scope="col" className="cs-num">SLA shown (first work order)</th>
                <th scope="col" className="cs-num">Chained SLA (sum)</th>
                <th scope="col" className="cs-num"><MetricAbbr id="requestMedianDaysToClose" label="Median days created → closed" /></th>
                <th scope="col" className="cs-num"><MetricAbbr id="requestWithinChainedSlaPct" /></th>
                <th scope="col">Usual chain of work orders</th>
              </tr>
            </thead>
            <tbody>
              {scorecard.requestTypes.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.type}</th>
                  <td className="cs-num">{formatValue("count", r.requestsCreated)}</td>
                  <td className="cs-num">{formatValue("count", r.requestsClosed)}</td>
                  <td className="cs-num">{r.firstSlaDays == null ? "—" : formatValue("days", r.firstSlaDays)}</td>
                  <td className={`cs-num${r.chainedSlaDays != null && r.firstSlaDays != null && r.chainedSlaDays > r.firstSlaDays ? " cs-gap" : ""}`}>
                    {r.chainedSlaDays == null ? (
                      <span className="cs-null" title="a work order in the chain has no SLA">—</span>
                    ) : (
                      formatValue("days", r.chainedSlaDays)
                    )}
                    {r.chainedSlaDays != null && r.firstSlaDays != null && r.chainedSlaDays > r.firstSlaDays ? (
                      <span className="cs-over">{formatValue("days", r.chainedSlaDays - r.firstSlaDays)} more than shown</span>
                    ) : null}
                  </td>
                  <td className="cs-num">
                    <MetricValue id="requestMedianDaysToClose" value={r.requestMedianDaysToClose} empty="no requests of this type closed in this period" />
                  </td>
                  <td className="cs-num">
                    <MetricValue id="requestWithinChainedSlaPct" value={r.requestWithinChainedSlaPct} empty="no closed requests whose whole chain has an SLA" />
                  </td>
                  <td className="cs-chain">
                    {r.chain.length === 0
                      ? "—"
                      : r.chain.map((l, i) => (
                          <span key={l.sequence}>
                            {i > 0 ? " → " : ""}
                            {l.woType} ({l.slaDays == null ? "no SLA" : formatValue("days", l.slaDays)}
                            {l.share < 0.995 ? `, ${Math.round(l.share * 100)}% reach it` : ""})
                          </span>
                        ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="cs-section" id="outcomes" aria-labelledby="outcomes-h">
        <h2 id="outcomes-h">Outcomes</h2>
        <p className="cs-def">
          Work orders closed in the period, by canonical outcome, with the department's own outcome wording behind each. Raw outcomes
          no mapping covers count as “Other / unmapped”.
        </p>
        <OutcomeMixBar mix={scorecard.outcomes} />
        <table className="usa-table usa-table--compact cs-scorecard">
          <thead>
            <tr>
              <th scope="col">Outcome</th>
              <th scope="col" className="cs-num">Work orders</th>
              <th scope="col" className="cs-num">Share</th>
              <th scope="col">Raw outcomes recorded</th>
            </tr>
          </thead>
          <tbody>
            {scorecard.outcomes.map((o) => (
              <tr key={o.category}>
                <th scope="row">
                  <span className="cs-swatch" style={{ background: OUTCOME_COLORS[o.category] }} aria-hidden="true" /> {o.label}
                </th>
                <td className="cs-num">{formatValue("count", o.count)}</td>
                <td className="cs-num">{formatValue("pct", o.pct)}</td>
                <td>
                  {o.rawOutcomes.length === 0
                    ? "—"
                    : o.rawOutcomes.map((r, i) => (
                        <span key={r.outcome}>
                          {i > 0 ? "; " : ""}“{r.outcome || "(blank)"}” {formatValue("count", r.count)}
                          {r.mapped ? "" : <strong> (unmapped)</strong>}
                        </span>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="cs-section" id="backlog" aria-labelledby="backlog-h">
        <h2 id="backlog-h">Backlog aging at the start of {dayName(scorecard.period.to)}</h2>
        <p className="cs-def">
          {formatValue("count", metrics.openWoAtEnd)} work orders open at the period's end, {formatValue("count", metrics.openWoPastSlaAtEnd)}{" "}
          of them past their SLA ({formatValue("pct", metrics.openWoPastSlaPct)}).
        </p>
        <table className="usa-table usa-table--compact cs-scorecard">
          <thead>
            <tr>
              <th scope="col">Age</th>
              <th scope="col" className="cs-num">Open work orders</th>
              <th scope="col" className="cs-num">Share</th>
            </tr>
          </thead>
          <tbody>
            {scorecard.backlogAging.map((b) => (
              <tr key={b.label}>
                <th scope="row">{b.label}</th>
                <td className="cs-num">{formatValue("count", b.count)}</td>
                <td className="cs-num">{formatValue("pct", openTotal === 0 ? null : (100 * b.count) / openTotal)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="cs-section" id="duplicates" aria-labelledby="dups-h">
        <h2 id="dups-h">Duplicates: flagged and suspected</h2>
        <p className="cs-def">
          Flagged duplicates carry the DUPLICATE flag in the source. Suspected duplicates are not flagged, but the detector links each to
          an earlier open request of the same type at the same or a nearby address — duplicates hidden under other outcomes.
        </p>
        <table className="usa-table usa-table--compact cs-scorecard">
          <tbody>
            <tr>
              <th scope="row"><MetricAbbr id="flaggedDuplicatePct" label="Flagged as duplicates" /></th>
              <td className="cs-num"><MetricValue id="flaggedDuplicatePct" value={metrics.flaggedDuplicatePct} empty="no requests created in this period" /></td>
            </tr>
            <tr>
              <th scope="row"><MetricAbbr id="suspectedDuplicates" label="Suspected hidden duplicates" /></th>
              <td className="cs-num">
                {formatValue("count", metrics.suspectedDuplicates)} (
                <MetricValue id="suspectedDuplicatePct" value={metrics.suspectedDuplicatePct} empty="no requests created in this period" />)
              </td>
            </tr>
          </tbody>
        </table>
        <h3 id="duplicate-pairs">Suspected pairs</h3>
        {pairs.length === 0 ? (
          <p>The detector linked no request created in this period to an earlier one.</p>
        ) : (
          <>
            <p className="cs-def">
              Requests created in this period that look like a repeat of an earlier open request, whether the department
              flagged them as duplicates or not ({formatValue("count", metrics.suspectedDuplicates)} not flagged).{" "}
              {morePairs ? `The ${pairs.length} most recent pairs are shown.` : `All ${pairs.length} pairs are shown.`} Each row
              names both requests so a person can check the pair.
            </p>
            <div className="cs-table-wrap" tabIndex={0} role="region" aria-label="Suspected duplicate pairs">
              <table className="usa-table usa-table--compact cs-scorecard">
                <thead>
                  <tr>
                    <th scope="col">Request</th>
                    <th scope="col">Looks like a repeat of</th>
                    <th scope="col">Type</th>
                    <th scope="col">Address</th>
                    <th scope="col" className="cs-num">Apart</th>
                    <th scope="col" className="cs-num">Later by</th>
                    <th scope="col">Flagged?</th>
                    <th scope="col">Closed as</th>
                  </tr>
                </thead>
                <tbody>
                  {pairs.map((p) => (
                    <tr key={p.srNumber} id={`sr-${p.srNumber}`}>
                      <th scope="row">
                        {p.srNumber}
                        <br />
                        <span className="cs-muted">{p.created}</span>
                      </th>
                      <td>
                        {pairs.some((q) => q.srNumber === p.duplicateOf) ? <a href={`#sr-${p.duplicateOf}`}>{p.duplicateOf}</a> : p.duplicateOf}
                        <br />
                        <span className="cs-muted">{p.duplicateOfCreated}</span>
                      </td>
                      <td>{p.requestType}</td>
                      <td>
                        {p.address ?? "—"}
                        {p.duplicateOfAddress && p.duplicateOfAddress !== p.address ? <span className="cs-muted"> / {p.duplicateOfAddress}</span> : null}
                      </td>
                      <td className="cs-num">{p.distanceM == null ? (p.matchedBy === "address" ? "same address" : "—") : `${Math.round(p.distanceM)} m`}</td>
                      <td className="cs-num">{p.gapHours < 48 ? `${p.gapHours.toFixed(1)} h` : `${(p.gapHours / 24).toFixed(1)} d`}</td>
                      <td>{p.flagged ? "yes" : <strong>no (hidden)</strong>}</td>
                      <td>{p.outcome ?? p.status}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section className="cs-section" id="composite" aria-labelledby="composite-h">
        <h2 id="composite-h">How the composite score was computed</h2>
        <CompositeBreakdown composite={scorecard.composite} />
      </section>
      <OutcomeLegend mix={scorecard.outcomes} />
      <DefinitionsPanel
        ids={["woCompleted", "woMedianDays", "woP90Days", "woSlaMetPct", "woOnTimePct", "openWoAtEnd", "openWoPastSlaAtEnd", "requestMedianDaysToClose", "requestChainedSlaDays", "requestWithinChainedSlaPct", "outcomeMix", "flaggedDuplicatePct", "suspectedDuplicates", "compositeScore"]}
      />
    </>
  );
}
