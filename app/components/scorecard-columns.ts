import type { MetricId } from "~/metrics/registry";

/**
 * The scorecard's numeric columns, in order, each with the department-page section it drills
 * into. The composite score comes first: it is the default sort and must not scroll out of view.
 */
export const SCORECARD_COLUMNS = [
  { id: "compositeScore", section: "composite", empty: "no metric with a target has data in this period" },
  { id: "requestsCreated", section: "request-types", empty: "no requests created in this period" },
  { id: "woCompleted", section: "work-order-types", empty: "no work orders completed in this period" },
  { id: "woMedianDays", section: "work-order-types", empty: "no completed work orders in this period" },
  { id: "woP90Days", section: "work-order-types", empty: "no completed work orders in this period" },
  { id: "woSlaMetPct", section: "work-order-types", empty: "no completed work orders with an SLA in this period" },
  { id: "woOnTimePct", section: "work-order-types", empty: "no work orders with an SLA due or done in this period" },
  { id: "openWoAtEnd", section: "backlog", empty: "no open work orders" },
  { id: "openWoPastSlaAtEnd", section: "backlog", empty: "no open work orders" },
  { id: "outcomeMix", section: "outcomes", empty: "no work orders closed in this period" },
  { id: "flaggedDuplicatePct", section: "duplicates", empty: "no requests created in this period" },
  { id: "suspectedDuplicatePct", section: "duplicates", empty: "no requests created in this period" },
] as const satisfies readonly { id: MetricId; section: string; empty: string }[];

export type ScorecardColumnId = (typeof SCORECARD_COLUMNS)[number]["id"];
export type SortKey = "name" | Exclude<ScorecardColumnId, "outcomeMix">;
export type SortDirection = "asc" | "desc";

export const SORT_KEYS: readonly SortKey[] = ["name", ...SCORECARD_COLUMNS.map((c) => c.id).filter((id) => id !== "outcomeMix")] as SortKey[];

/**
 * Sorts departments by one column. Departments without a value go last whichever way
 * the column is sorted (an empty set is not "the best" or "the worst"); ties by name.
 */
export function sortRows<T extends { name: string } & Partial<Record<SortKey, unknown>>>(rows: readonly T[], key: SortKey, dir: SortDirection): T[] {
  const sign = dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (key === "name") return sign * a.name.localeCompare(b.name);
    const x = a[key] as number | null | undefined;
    const y = b[key] as number | null | undefined;
    if (x == null || y == null) return x == null && y == null ? a.name.localeCompare(b.name) : x == null ? 1 : -1;
    return x === y ? a.name.localeCompare(b.name) : sign * (x - y);
  });
}

/** The first click on a column sorts worst first, so a review starts with what needs attention. */
export function firstDirection(better: "lower" | "higher" | "none"): SortDirection {
  return better === "higher" ? "asc" : "desc";
}
