import { Link } from "@remix-run/react";
import { METRICS, type MetricId } from "~/metrics/registry";
import { ChangeBadge } from "./change-badge";
import { MetricAbbr } from "./metric-definition";
import { MetricValue } from "./metric-value";
import { OutcomeMixBar, type OutcomeShareLike } from "./outcome-mix-bar";
import { SCORECARD_COLUMNS, firstDirection, type SortDirection, type SortKey } from "./scorecard-columns";

type Numbers = Partial<Record<Exclude<MetricId, "outcomeMix">, number | null>>;

export interface ScorecardTableRow extends Numbers {
  id: number;
  name: string;
  outcomeMix: readonly OutcomeShareLike[];
  prior?: Numbers | null;
}

function sortHref(search: URLSearchParams, key: SortKey, dir: SortDirection) {
  const params = new URLSearchParams(search);
  params.set("sort", key);
  params.set("dir", dir);
  return `?${params}`;
}

function SortHeader({ id, label, sort, search }: { id: SortKey; label: React.ReactNode; sort: { key: SortKey; dir: SortDirection }; search: URLSearchParams }) {
  const active = sort.key === id;
  const better = id === "name" ? "none" : METRICS[id].better;
  const first = id === "name" ? "asc" : firstDirection(better);
  const next: SortDirection = active ? (sort.dir === "asc" ? "desc" : "asc") : first;
  return (
    <th
      scope="col"
      className={id === "name" ? undefined : "cs-num"}
      aria-sort={active ? (sort.dir === "asc" ? "ascending" : "descending") : "none"}
    >
      <span className="cs-th">
        {label}
        <Link
          className="cs-sort"
          to={sortHref(search, id, next)}
          preventScrollReset
          aria-label={`Sort by ${id === "name" ? "department" : METRICS[id].label}, ${next === "asc" ? "lowest" : "highest"} first`}
        >
          {active ? (sort.dir === "asc" ? "↑" : "↓") : "↕"}
        </Link>
      </span>
    </th>
  );
}

/**
 * The citywide scorecard: a row per department, every number a link to the department
 * page section that explains it, the change against the prior period under each number.
 * Sorting is a link (server-side), so it works without JavaScript and survives a reload.
 */
export function ScorecardTable({
  rows,
  citywide,
  sort,
  search,
  departmentHref,
}: {
  rows: readonly ScorecardTableRow[];
  citywide: ScorecardTableRow;
  sort: { key: SortKey; dir: SortDirection };
  search: URLSearchParams;
  departmentHref: (id: number, section?: string) => string;
}) {
  return (
    <div className="cs-table-wrap" tabIndex={0} role="region" aria-label="Scorecard by department">
      <table className="usa-table usa-table--compact cs-scorecard">
        <caption className="usa-sr-only">
          Departments with their metrics for the period and the change against the prior period. Sorted by{" "}
          {sort.key === "name" ? "department" : METRICS[sort.key].label}, {sort.dir === "asc" ? "lowest" : "highest"} first.
        </caption>
        <thead>
          <tr>
            <SortHeader id="name" label="Department" sort={sort} search={search} />
            {SCORECARD_COLUMNS.map((c) =>
              c.id === "outcomeMix" ? (
                <th key={c.id} scope="col">
                  <MetricAbbr id="outcomeMix" />
                </th>
              ) : (
                <SortHeader key={c.id} id={c.id} label={<MetricAbbr id={c.id} />} sort={sort} search={search} />
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <ScorecardRow key={row.id} row={row} href={(section) => departmentHref(row.id, section)} />
          ))}
        </tbody>
        <tfoot>
          <ScorecardRow row={citywide} isCitywide />
        </tfoot>
      </table>
    </div>
  );
}

function ScorecardRow({ row, href, isCitywide = false }: { row: ScorecardTableRow; href?: (section?: string) => string; isCitywide?: boolean }) {
  return (
    <tr className={isCitywide ? "cs-citywide-row" : undefined}>
      <th scope="row">{href ? <Link to={href()}>{row.name}</Link> : row.name}</th>
      {SCORECARD_COLUMNS.map((c) =>
        c.id === "outcomeMix" ? (
          <td key={c.id}>
            {href ? (
              <Link to={href(c.section)} className="cs-cell-link" aria-label={`Outcomes of ${row.name}`}>
                <OutcomeMixBar mix={row.outcomeMix} compact />
              </Link>
            ) : (
              <OutcomeMixBar mix={row.outcomeMix} compact />
            )}
          </td>
        ) : (
          <td key={c.id} className={`cs-num${c.id === "compositeScore" ? " cs-score" : ""}`}>
            <MetricValue id={c.id} value={row[c.id]} empty={c.empty} to={href?.(c.section)} />
            <br />
            <ChangeBadge id={c.id} current={row[c.id]} prior={row.prior?.[c.id]} />
          </td>
        ),
      )}
    </tr>
  );
}
