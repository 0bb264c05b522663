import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { can } from "~/auth/permissions";
import { requirePermission, viewerScope } from "~/auth/require.server";
import { PeriodPicker } from "~/components/period-picker";
import { parsePeriodQuery } from "~/components/period-picker.server";
import { selectionLabel, selectionPeriod } from "~/components/period-selection";
import { HIDING_OUTCOME_CATEGORIES } from "~/data-quality/cancel-usage";
import { groupUnmappedOutcomes } from "~/data-quality/needs-mapping";
import type { MapOutcomeResult } from "~/data-quality/mapping.server";
import { getCancelUsageByDepartment } from "~/data-quality/queries.server";
import { OUTCOME_CATEGORIES, OUTCOME_LABELS } from "~/metrics/outcomes";
import { listNeedsMapping } from "~/scorecards/queries.server";

export const meta: MetaFunction = () => [{ title: "Data quality · CompStat 311" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "read:scorecard:own");
  const { selection, error } = parsePeriodQuery(new URL(request.url).searchParams);
  const scope = viewerScope(viewer);
  const db = await getDb();
  const [unmapped, cancelUsage] = await Promise.all([
    listNeedsMapping(db, { scope }),
    getCancelUsageByDepartment(db, { scope, period: selectionPeriod(selection) }),
  ]);
  return { needsMapping: groupUnmappedOutcomes(unmapped), cancelUsage, selection, error, canMap: can(viewer.role, "update:outcome_mapping:any") };
}

const percent = (value: number | null) => (value === null ? "—" : `${value.toFixed(1)}%`);
const hidingLabels = HIDING_OUTCOME_CATEGORIES.map((c) => OUTCOME_LABELS[c].toLowerCase()).join(", ");

export default function DataQuality() {
  const { needsMapping, cancelUsage, selection, error, canMap } = useLoaderData<typeof loader>();
  // One fetcher for the page: each row's form posts to the mappings route and the list reloads.
  const mapper = useFetcher<MapOutcomeResult>({ key: "map-outcome" });
  const result = mapper.state === "idle" ? mapper.data : undefined;
  const busyOutcome = mapper.state !== "idle" ? mapper.formData?.get("rawOutcome") : null;
  const period = selectionPeriod(selection);
  return (
    <>
      <h1>Data quality</h1>
      <p className="cs-lede">
        Raw outcomes that no mapping covers count as “other” in every outcome mix until someone maps them; cancels and hiding outcomes
        are where the audit found duplicates and unfinished work disappear.
      </p>

      {result ? (
        result.ok ? (
          <div className="usa-alert usa-alert--success usa-alert--slim" role="status">
            <div className="usa-alert__body">
              <p className="usa-alert__text">{result.message} The scorecards have been recalculated.</p>
            </div>
          </div>
        ) : (
          <div className="usa-alert usa-alert--error usa-alert--slim" role="alert">
            <div className="usa-alert__body">
              <p className="usa-alert__text">{Object.values(result.fieldErrors).join(" ")}</p>
            </div>
          </div>
        )
      ) : null}

      <section aria-labelledby="needs-mapping">
        <h2 id="needs-mapping">Needs mapping</h2>
        <p className="cs-muted">
          Closed work orders over all imported history whose outcome matches no mapping (trimmed, any case).
          {canMap ? (
            <>
              {" "}
              Map one here, for its department or for every department; every change is audited and listed under{" "}
              <Link to="/data-quality/mappings">outcome mappings</Link>.
            </>
          ) : null}
        </p>
        {needsMapping.length === 0 ? (
          <p>Every raw outcome is mapped.</p>
        ) : (
          <div className="cs-table-wrap">
            <table className="usa-table usa-table--striped usa-table--compact">
              <caption className="usa-sr-only">Unmapped raw outcomes by department, most frequent first</caption>
              <thead>
                <tr>
                  <th scope="col">Department</th>
                  <th scope="col">Raw outcome</th>
                  <th scope="col" className="text-right">Closed WOs</th>
                  {canMap ? <th scope="col">Map to</th> : null}
                </tr>
              </thead>
              <tbody>
                {needsMapping.map((row, i) => {
                  const id = `map-${i}`;
                  return (
                    <tr key={`${row.departmentId}\u0000${row.rawOutcome}`}>
                      <td>{row.department}</td>
                      <th scope="row">
                        {row.rawOutcome}
                        {row.spellings.length > 1 ? (
                          <div className="cs-muted text-normal">also written {row.spellings.slice(1).map((w) => `“${w}”`).join(", ")}</div>
                        ) : null}
                      </th>
                      <td className="text-right">{row.count.toLocaleString("en-US")}</td>
                      {canMap ? (
                        <td>
                          <mapper.Form
                            method="post"
                            action="/data-quality/mappings"
                            className="display-flex flex-align-center" aria-label={`Map “${row.rawOutcome}” of ${row.department}`}>
                            <input type="hidden" name="rawOutcome" value={row.rawOutcome} />
                            <label className="usa-sr-only" htmlFor={`${id}-category`}>
                              Category
                            </label>
                            <select className="usa-select width-auto margin-top-0 margin-right-1" id={`${id}-category`} name="category" defaultValue="" required>
                              <option value="" disabled>
                                - Category -
                              </option>
                              {OUTCOME_CATEGORIES.map((c) => (
                                <option key={c} value={c}>
                                  {OUTCOME_LABELS[c]}
                                </option>
                              ))}
                            </select>
                            <label className="usa-sr-only" htmlFor={`${id}-department`}>
                              Applies to
                            </label>
                            <select className="usa-select width-auto margin-top-0 margin-right-1" id={`${id}-department`} name="departmentId" defaultValue={String(row.departmentId)}>
                              <option value={String(row.departmentId)}>This department only</option>
                              <option value="">Every department</option>
                            </select>
                            <button className="usa-button usa-button--outline margin-top-0" type="submit" disabled={busyOutcome === row.rawOutcome}>
                              {busyOutcome === row.rawOutcome ? "Saving and recalculating…" : "Map"}
                            </button>
                          </mapper.Form>
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="cancel-usage" className="cs-section">
        <h2 id="cancel-usage">Cancel usage · {selectionLabel(selection)}</h2>
        <p className="cs-muted">
          Of the work orders each department closed (Completed or Canceled, closing day from {period.from} to before {period.to}): the
          share Canceled, and the share Canceled with an outcome saying no work was needed ({hidingLabels}).
        </p>
        <PeriodPicker selection={selection} defaultMonth={period.from.slice(0, 7)} error={error} />
        {cancelUsage.length === 0 ? (
          <p>No work order was closed in this period.</p>
        ) : (
          <div className="cs-table-wrap">
            <table className="usa-table usa-table--striped usa-table--compact">
              <caption className="usa-sr-only">Cancel usage by department, highest share first</caption>
              <thead>
                <tr>
                  <th scope="col">Department</th>
                  <th scope="col" className="text-right">Closed WOs</th>
                  <th scope="col" className="text-right">Canceled</th>
                  <th scope="col" className="text-right">% canceled</th>
                  <th scope="col" className="text-right">Canceled, hiding outcome</th>
                  <th scope="col" className="text-right">% canceled, hiding outcome</th>
                </tr>
              </thead>
              <tbody>
                {cancelUsage.map((row) => (
                  <tr key={row.departmentId}>
                    <th scope="row">{row.department}</th>
                    <td className="text-right">{row.closed.toLocaleString("en-US")}</td>
                    <td className="text-right">{row.canceled.toLocaleString("en-US")}</td>
                    <td className="text-right">{percent(row.canceledPct)}</td>
                    <td className="text-right">{row.canceledHiding.toLocaleString("en-US")}</td>
                    <td className="text-right">{percent(row.canceledHidingPct)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
