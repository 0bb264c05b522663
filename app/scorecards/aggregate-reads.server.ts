/**
 * The reads behind every scorecard query: sums and histogram percentiles over the
 * pre-aggregates of db/schema/aggregates.ts, grouped by department, WO type or request type,
 * always with a citywide total row (key TOTAL) and always limited to a scope in SQL.
 */
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "#db/client.server";
import type { Scope } from "~/auth/scope";
import { addMonths, type Period } from "~/metrics/periods";
import { standardPercentiles, type StandardPercentileRow } from "./standard-periods.server";

/** The key of the total row that every grouped read adds (grouping sets). */
export const TOTAL = "total";

/**
 * What a read groups by; a row's key is its ids joined with ":" (`"12"`, `"12:40"`), the
 * total row's is TOTAL.
 */
export type WoKey = "department_id" | "work_order_type_id" | "department_id, work_order_type_id";
export type SrKey = "department_id" | "request_type_id";

export function groupKey(...ids: number[]): string {
  return ids.join(":");
}

export interface Filter {
  scope: Scope;
  /** limit to one department (its page) */
  departmentId?: number;
}

/** The scope (and an optional department) as a SQL condition on `department_id`. */
export function departmentCondition({ scope, departmentId }: Filter): SQL {
  const parts: SQL[] = [];
  if (scope.kind === "departments") {
    parts.push(
      scope.departmentIds.length === 0
        ? sql`false`
        : sql`department_id in (${sql.join(scope.departmentIds.map((id) => sql`${id}`), sql`, `)})`,
    );
  }
  if (departmentId != null) parts.push(sql`department_id = ${departmentId}`);
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

const keyExpr = (key: string) =>
  sql.raw(`case when grouping(${key.split(",")[0]}) = 1 then '${TOTAL}' else concat_ws(':', ${key}) end`);
const groupSets = (key: string) => sql.raw(`group by grouping sets ((${key}), ())`);

function dayRange(period: Period): SQL {
  return sql`day >= ${period.from} and day < ${period.to}`;
}

export interface WoPeriodSums {
  completed: number;
  durationSum: number;
  slaEligible: number;
  slaMet: number;
  closed: number;
}

export async function woPeriodSums(db: Db, key: WoKey, filter: Filter, period: Period) {
  const rows = await queryRows<{ k: string } & Record<keyof WoPeriodSums, number>>(
    db,
    sql`select ${keyExpr(key)} as k, sum(completed)::int as "completed", sum(duration_sum)::float8 as "durationSum",
               sum(sla_eligible)::int as "slaEligible", sum(sla_met)::int as "slaMet", sum(closed)::int as "closed"
          from agg_wo_daily where ${dayRange(period)} and ${departmentCondition(filter)}
          ${groupSets(key)}`,
  );
  return byKey(rows, (r) => ({
    completed: Number(r.completed ?? 0),
    durationSum: Number(r.durationSum ?? 0),
    slaEligible: Number(r.slaEligible ?? 0),
    slaMet: Number(r.slaMet ?? 0),
    closed: Number(r.closed ?? 0),
  }));
}

export interface Backlog {
  open: number;
  openPastSla: number;
  olderThan7: number;
  olderThan30: number;
  olderThan90: number;
}

/** Open WOs at the instant local date `at` begins: each event pair summed over days before it. */
export async function woBacklogAt(db: Db, key: WoKey, filter: Filter, at: string) {
  const rows = await queryRows<{ k: string } & Record<keyof Backlog, number>>(
    db,
    sql`select ${keyExpr(key)} as k,
               sum(opened - open_ended)::int as "open", sum(sla_due - sla_due_ended)::int as "openPastSla",
               sum(age7 - age7_ended)::int as "olderThan7", sum(age30 - age30_ended)::int as "olderThan30",
               sum(age90 - age90_ended)::int as "olderThan90"
          from agg_wo_daily where day < ${at} and ${departmentCondition(filter)}
          ${groupSets(key)}`,
  );
  return byKey(rows, (r) => ({
    open: Number(r.open ?? 0),
    openPastSla: Number(r.openPastSla ?? 0),
    olderThan7: Number(r.olderThan7 ?? 0),
    olderThan30: Number(r.olderThan30 ?? 0),
    olderThan90: Number(r.olderThan90 ?? 0),
  }));
}

export interface OutcomeRow {
  category: string;
  rawOutcome: string;
  mapped: boolean;
  n: number;
}

export async function woOutcomes(db: Db, key: WoKey, filter: Filter, period: Period) {
  const rows = await queryRows<{ k: string } & OutcomeRow>(
    db,
    sql`select ${keyExpr(key)} as k, category, raw_outcome as "rawOutcome", mapped, sum(n)::int as n
          from (${monthsAndDays(period, sql`agg_wo_outcome_monthly`, sql`agg_wo_outcome_daily`)}) o
         where ${departmentCondition(filter)}
         group by grouping sets ((${sql.raw(key)}, category, raw_outcome, mapped), (category, raw_outcome, mapped))
        having sum(n) <> 0`,
  );
  const out = new Map<string, OutcomeRow[]>();
  for (const r of rows) {
    const list = out.get(String(r.k)) ?? [];
    list.push({ category: r.category, rawOutcome: r.rawOutcome, mapped: Boolean(r.mapped), n: Number(r.n) });
    out.set(String(r.k), list);
  }
  return out;
}

export interface SrPeriodSums {
  created: number;
  flaggedDuplicates: number;
  suspectedDuplicates: number;
  closed: number;
  closeDaysSum: number;
  chainEligible: number;
  chainMet: number;
}

export async function srPeriodSums(db: Db, key: SrKey, filter: Filter, period: Period) {
  const rows = await queryRows<{ k: string } & Record<keyof SrPeriodSums, number>>(
    db,
    sql`select ${keyExpr(key)} as k, sum(created)::int as "created", sum(flagged_duplicates)::int as "flaggedDuplicates",
               sum(suspected_duplicates)::int as "suspectedDuplicates", sum(closed)::int as "closed",
               sum(close_days_sum)::float8 as "closeDaysSum", sum(chain_eligible)::int as "chainEligible",
               sum(chain_met)::int as "chainMet"
          from agg_sr_daily where ${dayRange(period)} and ${departmentCondition(filter)}
          ${groupSets(key)}`,
  );
  return byKey(rows, (r) => ({
    created: Number(r.created ?? 0),
    flaggedDuplicates: Number(r.flaggedDuplicates ?? 0),
    suspectedDuplicates: Number(r.suspectedDuplicates ?? 0),
    closed: Number(r.closed ?? 0),
    closeDaysSum: Number(r.closeDaysSum ?? 0),
    chainEligible: Number(r.chainEligible ?? 0),
    chainMet: Number(r.chainMet ?? 0),
  }));
}

export interface Percentiles {
  n: number;
  median: number | null;
  p90: number | null;
}

/**
 * The histogram rows that cover a period: whole months from the monthly grain, the ragged
 * ends from the daily one, so a 12-month period reads 12 rows per bucket instead of 365.
 */
export function histogramCover(period: Period): SQL {
  const { monthFrom, monthTo } = wholeMonths(period);
  if (monthFrom >= monthTo) return sql`(grain = 'd' and ${dayRange(period)})`;
  return sql`((grain = 'm' and day >= ${monthFrom} and day < ${monthTo})
           or (grain = 'd' and ((day >= ${period.from} and day < ${monthFrom}) or (day >= ${monthTo} and day < ${period.to}))))`;
}

/** The rows of a day table and its monthly rollup that cover a period once: whole months from the rollup. */
function monthsAndDays(period: Period, monthly: SQL, daily: SQL): SQL {
  const { monthFrom, monthTo } = wholeMonths(period);
  if (monthFrom >= monthTo) return sql`select * from ${daily} where ${dayRange(period)}`;
  return sql`select * from ${monthly} where day >= ${monthFrom} and day < ${monthTo}
             union all
             select * from ${daily} where (day >= ${period.from} and day < ${monthFrom}) or (day >= ${monthTo} and day < ${period.to})`;
}

function wholeMonths(period: Period) {
  const monthFrom = period.from.endsWith("-01") ? period.from : addMonths(`${period.from.slice(0, 7)}-01`, 1);
  return { monthFrom, monthTo: `${period.to.slice(0, 7)}-01` };
}

/**
 * Median and 90th percentile with percentile_cont's interpolation, from histograms of
 * values quantised to 0.01: the order statistics x⌊h⌋ and x⌊h⌋₊₁ are the first buckets whose
 * running count passes ⌊h⌋ and ⌊h⌋+1. h is computed in float8, like percentile_cont does.
 */
async function histogramPercentiles(db: Db, table: SQL, key: string, where: SQL): Promise<Map<string, Percentiles>> {
  const rows = await queryRows<{ k: string; total: number; m_lo: number; m_hi: number | null; p_lo: number; p_hi: number | null }>(
    db,
    sql`with h as (
          select ${keyExpr(key)} as k, centi, sum(n) as n from ${table} where ${where}
           group by grouping sets ((${sql.raw(key)}, centi), (centi)) having sum(n) <> 0
        ), c as (
          select k, centi, sum(n) over (partition by k order by centi) as cum, sum(n) over (partition by k) as total from h
        )
        select k, total::int as total,
               min(centi) filter (where cum > floor((total - 1)::float8 * 0.5)) as m_lo,
               min(centi) filter (where cum > floor((total - 1)::float8 * 0.5) + 1) as m_hi,
               min(centi) filter (where cum > floor((total - 1)::float8 * 0.9)) as p_lo,
               min(centi) filter (where cum > floor((total - 1)::float8 * 0.9) + 1) as p_hi
          from c group by k, total`,
  );
  const out = new Map<string, Percentiles>();
  for (const r of rows) {
    const n = Number(r.total);
    out.set(String(r.k), {
      n,
      median: interpolate(n, 0.5, r.m_lo, r.m_hi),
      p90: interpolate(n, 0.9, r.p_lo, r.p_hi),
    });
  }
  return out;
}

function interpolate(n: number, p: number, lo: number | null, hi: number | null): number | null {
  if (n <= 0 || lo == null) return null;
  const h = (n - 1) * p;
  const frac = h - Math.floor(h);
  if (frac === 0 || hi == null) return Number(lo) / 100;
  return (Number(lo) + frac * (Number(hi) - Number(lo))) / 100;
}

export async function woDurationPercentiles(db: Db, key: WoKey, filter: Filter, period: Period) {
  const fromHistogram = (k: WoKey) =>
    histogramPercentiles(db, sql`agg_wo_duration_hist`, k, sql`${histogramCover(period)} and ${departmentCondition(filter)}`);
  return (await fromStandardPeriod(db, "wo", key, filter, period, fromHistogram)) ?? fromHistogram(key);
}

/** Of SRs closed in the period: created → closed times ("close"), or chained SLAs ("chainSla"). */
export async function srClosePercentiles(db: Db, key: SrKey, filter: Filter, period: Period, measure: "close" | "chainSla") {
  const table = measure === "close" ? sql`agg_sr_close_hist` : sql`agg_sr_chain_sla_hist`;
  const fromHistogram = (k: SrKey) =>
    histogramPercentiles(db, table, k, sql`${histogramCover(period)} and ${departmentCondition(filter)}`);
  const stored = measure === "close" ? "sr_close" : "sr_chain";
  return (await fromStandardPeriod(db, stored, key, filter, period, fromHistogram)) ?? fromHistogram(key);
}

/**
 * Exact percentiles of a standard period from agg_period_percentiles, keyed like the
 * histogram reads; null when the period is not one (the caller reads histograms). A scoped
 * citywide total of several departments (not all) is not stored: it comes from the histograms
 * of those departments only.
 */
async function fromStandardPeriod<K extends WoKey | SrKey>(
  db: Db,
  measure: "wo" | "sr_close" | "sr_chain",
  key: K,
  filter: Filter,
  period: Period,
  fromHistogram: (key: K) => Promise<Map<string, Percentiles>>,
): Promise<Map<string, Percentiles> | null> {
  const byType = key === "work_order_type_id" || key === "request_type_id";
  if (byType && filter.departmentId == null) return null;
  const rows = await standardPercentiles(db, measure, period, departmentCondition(filter));
  if (!rows) return null;
  const out = new Map<string, Percentiles>();
  const value = (r: StandardPercentileRow): Percentiles => ({ n: r.n, median: r.median, p90: r.p90 });
  for (const r of rows) {
    if (r.departmentId === -1) continue;
    if (key === "department_id" && r.typeId === -1) out.set(groupKey(r.departmentId), value(r));
    else if (byType && r.typeId !== -1) out.set(groupKey(r.typeId), value(r));
    else if (key === "department_id, work_order_type_id" && r.typeId !== -1) out.set(groupKey(r.departmentId, r.typeId), value(r));
  }
  // A department head of one department: that department's row is the whole scope's total.
  const onlyDepartment = filter.scope.kind === "departments" && filter.scope.departmentIds.length === 1 ? filter.scope.departmentIds[0] : null;
  const totalDepartment = filter.departmentId ?? (filter.scope.kind === "all" ? -1 : onlyDepartment);
  const total = rows.find((r) => r.departmentId === totalDepartment && r.typeId === -1);
  if (total) out.set(TOTAL, value(total));
  else if (totalDepartment === null) {
    const scopedTotal = (await fromHistogram("department_id" as K)).get(TOTAL);
    if (scopedTotal) out.set(TOTAL, scopedTotal);
  }
  return out;
}

function byKey<R extends { k: string }, T>(rows: R[], map: (r: R) => T): Map<string, T> {
  return new Map(rows.map((r) => [String(r.k), map(r)]));
}
