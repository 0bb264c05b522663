/**
 * Keeps the pre-aggregates of db/schema/aggregates.ts in step with the raw rows (ADR 007).
 *
 * Every WO and SR has one "facts" row: what it contributes, as of the last refresh. A full
 * refresh rebuilds facts and aggregates from scratch. An incremental refresh takes the keys
 * imports and the duplicate detector left in agg_pending_wo / agg_pending_sr (written in their
 * own transactions), subtracts those rows' old contribution, recomputes their facts and adds
 * the new one — unless they are more than a quarter of the facts, where the full rebuild is
 * faster and equal. Both run in one transaction, so a page reads either the old numbers or
 * the new ones, never a mix, and a failed refresh leaves the pending keys for the next one.
 */
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "#db/client.server";
import { refreshStandardPeriods } from "./standard-periods.server";
import { refreshTrendPercentiles } from "./trend-percentiles.server";
import { cityTimeZone } from "~/metrics/periods.server";

export interface RefreshResult {
  mode: "full" | "incremental";
  workOrders: number;
  serviceRequests: number;
  version: number;
  ms: number;
}

/**
 * "all" rebuilds every aggregate — needed after outcome mappings or SLA targets change, since
 * those re-classify rows of any date. "pending" redoes only the rows changed since the last
 * refresh (what an import leaves behind); with nothing pending it changes nothing.
 */
export async function refreshAggregates(db: Db, what: "all" | "pending" = "all"): Promise<RefreshResult> {
  const started = performance.now();
  const tz = cityTimeZone();
  const withSuspects = await hasSuspectedDuplicates(db);
  const counts = await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    // One refresh at a time: a second one waits instead of interleaving its deltas. The lock
    // comes before any statement that takes the snapshot, so the refresh reads the raw rows,
    // the pending keys and the previous refresh's facts as of one instant after it: an import
    // committing meanwhile leaves its keys for the next refresh instead of being half-seen.
    // Page reads (plain selects of agg_state) are not blocked by this lock mode.
    await t.execute(sql`lock table agg_state in exclusive mode`);
    const result = what === "pending" ? await refreshIncrementally(t, tz, withSuspects) : await refreshFully(t, tz, withSuspects);
    if (result.mode === "incremental" && result.workOrders === 0 && result.serviceRequests === 0) {
      return { ...result, version: await aggregatesVersion(t) };
    }
    const [state] = await queryRows<{ version: number }>(
      t,
      sql`insert into agg_state (id, version, refreshed_at) values (1, 1, now())
          on conflict (id) do update set version = agg_state.version + 1, refreshed_at = now()
          returning version`,
    );
    return { ...result, version: Number(state.version) };
  }, { isolationLevel: "repeatable read" });
  if (counts.mode === "full") {
    // A rebuild leaves the facts unvacuumed (their index-only reads then visit the heap) and
    // the pending tables full of the keys it deleted (a first load's millions, which the next
    // night's refresh would otherwise scan). VACUUM cannot run inside the transaction.
    await db.execute(sql`vacuum (analyze) agg_pending_wo, agg_pending_sr, agg_wo_facts, agg_sr_facts`);
  }
  return { ...counts, ms: Math.round(performance.now() - started) };
}

/** The data version the aggregates are at (0 before the first refresh). */
export async function aggregatesVersion(db: Db): Promise<number> {
  const rows = await queryRows<{ version: number }>(db, sql`select version from agg_state where id = 1`);
  return rows.length ? Number(rows[0].version) : 0;
}

async function hasSuspectedDuplicates(db: Db): Promise<boolean> {
  const [row] = await queryRows<{ present: boolean }>(
    db,
    sql`select to_regclass('suspected_duplicates') is not null as present`,
  );
  return Boolean(row?.present);
}

async function refreshFully(db: Db, tz: string, withSuspects: boolean) {
  // Every key in this snapshot is rebuilt below; keys committed after it stay for the next
  // refresh (a delete, not a truncate, so imports are not blocked for the whole rebuild).
  await db.execute(sql`delete from agg_pending_wo`);
  await db.execute(sql`delete from agg_pending_sr`);
  await db.execute(sql`truncate agg_wo_facts, agg_sr_facts, agg_wo_daily, agg_wo_outcome_daily, agg_wo_outcome_monthly,
    agg_wo_duration_hist, agg_sr_daily, agg_sr_close_hist, agg_sr_chain_sla_hist, agg_request_type_chain, agg_wo_type_declared_sla`);
  await db.execute(sql`insert into ${woFactsInto} ${woFactsSelect(tz, sql`true`)}`);
  // Fresh statistics, so the SR facts' per-chain lookups and the percentile joins below are
  // planned for the rows just written rather than for the empty tables of the truncate.
  await db.execute(sql`analyze agg_wo_facts`);
  await db.execute(sql`insert into ${srFactsInto} ${srFactsSelect(tz, sql`true`, withSuspects)}`);
  await db.execute(sql`analyze agg_sr_facts`);
  await applyWoFacts(db, sql`agg_wo_facts`, 1, "empty");
  await applySrFacts(db, sql`agg_sr_facts`, 1, "empty");
  await refreshStandardPeriods(db, null);
  await refreshTrendPercentiles(db, null);
  const [wo] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from agg_wo_facts`);
  const [sr] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from agg_sr_facts`);
  return { mode: "full" as const, workOrders: Number(wo.n), serviceRequests: Number(sr.n) };
}

/**
 * The changed keys as one array: `key = any(array(…))` is planned as probes of the key's index,
 * where `key in (select …)` or a join is often planned as a scan of millions of rows to find a
 * few thousand.
 */
const CHANGED_WO = sql`array(select wo_number from agg_changed_wo)`;
const CHANGED_SR = sql`array(select sr_number from agg_changed_sr)`;

async function refreshIncrementally(db: Db, tz: string, withSuspects: boolean) {
  // A first load or a whole-year file: decided before expanding millions of keys.
  const [raw] = await queryRows<{ wo: number; sr: number }>(
    db,
    sql`select (select count(*) from agg_pending_wo)::int as wo, (select count(*) from agg_pending_sr)::int as sr`,
  );
  if (await outweighsFacts(db, { wo: Number(raw.wo), sr: Number(raw.sr) })) return refreshFully(db, tz, withSuspects);
  // The rows to redo: those changed since the last refresh, and the requests of changed WOs
  // (new and previous request: a WO's chain counts in its request's facts).
  await db.execute(sql`create temp table agg_changed_wo (wo_number text primary key) on commit drop`);
  await db.execute(sql`create temp table agg_changed_sr (sr_number text primary key) on commit drop`);
  await db.execute(sql`with taken as (delete from agg_pending_wo returning wo_number)
    insert into agg_changed_wo select distinct wo_number from taken`);
  await db.execute(sql`with taken as (delete from agg_pending_sr returning sr_number)
    insert into agg_changed_sr select sr_number from taken
    union select sr_number from work_orders where wo_number = any(${CHANGED_WO})
    union select sr_number from agg_wo_facts where wo_number = any(${CHANGED_WO})`);
  // A work order's fact carries its request's type, so a request re-typed by an import
  // changes the facts of its work orders whatever their own dates.
  await db.execute(sql`insert into agg_changed_wo
    select wo_number from work_orders where sr_number = any(${CHANGED_SR})
    on conflict do nothing`);
  const [pending] = await queryRows<{ wo: number; sr: number }>(
    db,
    sql`select (select count(*) from agg_changed_wo)::int as wo, (select count(*) from agg_changed_sr)::int as sr`,
  );
  if (Number(pending.wo) === 0 && Number(pending.sr) === 0) {
    return { mode: "incremental" as const, workOrders: 0, serviceRequests: 0 };
  }
  await db.execute(sql`analyze agg_changed_wo`);
  await db.execute(sql`analyze agg_changed_sr`);
  if (await outweighsFacts(db, { wo: Number(pending.wo), sr: Number(pending.sr) })) {
    await db.execute(sql`drop table agg_changed_wo, agg_changed_sr`);
    return refreshFully(db, tz, withSuspects);
  }

  // The changed rows' old and new facts are copied into small temp tables once: every
  // aggregate statement below reads those, not the facts tables (millions of rows, which the
  // planner would scan a dozen times to find a few thousand keys).
  await db.execute(sql`create temp table agg_old_wo_facts on commit drop as
    select * from agg_wo_facts where wo_number = any(${CHANGED_WO})`);
  await db.execute(sql`create temp table agg_old_sr_facts on commit drop as
    select * from agg_sr_facts where sr_number = any(${CHANGED_SR})`);
  await applyWoFacts(db, sql`agg_old_wo_facts`, -1);
  await applySrFacts(db, sql`agg_old_sr_facts`, -1);
  await db.execute(sql`delete from agg_wo_facts where wo_number = any(${CHANGED_WO})`);
  await db.execute(sql`delete from agg_sr_facts where sr_number = any(${CHANGED_SR})`);
  await db.execute(sql`create temp table agg_new_wo_facts (like agg_wo_facts) on commit drop`);
  await db.execute(sql`insert into ${sql.raw(`agg_new_wo_facts ${WO_FACT_COLUMNS}`)}
    ${woFactsSelect(tz, sql`w.wo_number = any(${CHANGED_WO})`)}`);
  await db.execute(sql`insert into agg_wo_facts select * from agg_new_wo_facts`);
  // The SR facts read their chains from agg_wo_facts, which now holds the new WO facts.
  await db.execute(sql`create temp table agg_new_sr_facts (like agg_sr_facts) on commit drop`);
  await db.execute(sql`insert into ${sql.raw(`agg_new_sr_facts ${SR_FACT_COLUMNS}`)}
    ${srFactsSelect(tz, sql`s.sr_number = any(${CHANGED_SR})`, withSuspects)}`);
  await db.execute(sql`insert into agg_sr_facts select * from agg_new_sr_facts`);
  await applyWoFacts(db, sql`agg_new_wo_facts`, 1);
  await applySrFacts(db, sql`agg_new_sr_facts`, 1);
  await collectChangedCloseDays(db, sql`agg_new_wo_facts`, sql`agg_new_sr_facts`);
  await refreshStandardPeriods(db, sql`agg_changed_close_days`);
  await refreshTrendPercentiles(db, sql`(select department_id, day from agg_changed_close_days where source = 'wo')`);
  return { mode: "incremental" as const, workOrders: Number(pending.wo), serviceRequests: Number(pending.sr) };
}

/**
 * Whether the changed rows are more than a quarter of the facts (or there are no facts yet).
 * Subtracting and re-adding a row costs about four times building it afresh (measured, ADR
 * 007), so past that share — a whole-year import, a first refresh — the full rebuild is
 * faster, and its result is by construction the same. The facts are counted only up to the
 * threshold, so a small delta does not pay for counting millions of rows.
 */
async function outweighsFacts(db: Db, changed: { wo: number; sr: number }): Promise<boolean> {
  if (changed.wo === 0 && changed.sr === 0) return false;
  const [row] = await queryRows<{ outweighs: boolean }>(
    db,
    sql`select (select count(*) from (select 1 from agg_wo_facts limit ${4 * changed.wo}) f) < ${4 * changed.wo}
            or (select count(*) from (select 1 from agg_sr_facts limit ${4 * changed.sr}) f) < ${4 * changed.sr}
            as outweighs`,
  );
  return Boolean(row?.outweighs);
}

/**
 * agg_changed_close_days: the source ('wo' or 'sr'), departments and closing days of the facts
 * that really changed (old or new version), i.e. the days whose standard periods and trend
 * buckets must be recomputed. A re-derived fact equal to its old self (an SR redone only because one of its
 * WOs changed) does not count.
 */
async function collectChangedCloseDays(db: Db, woFacts: SQL, srFacts: SQL) {
  await db.execute(sql`create temp table agg_changed_close_days on commit drop as
    select distinct source, department_id, close_day as day from (
      select 'wo' as source, department_id, close_day from (select * from agg_old_wo_facts except select * from ${woFacts} f) a
      union all select 'wo', department_id, close_day from (select * from ${woFacts} f except select * from agg_old_wo_facts) b
      union all select 'sr', department_id, close_day from (select * from agg_old_sr_facts except select * from ${srFacts} f) c
      union all select 'sr', department_id, close_day from (select * from ${srFacts} f except select * from agg_old_sr_facts) d
    ) x where close_day is not null`);
}

/**
 * One fact row per WO. Closing time: COMPLETED_DATE of a Completed or Canceled WO. SLA:
 * its own SLA_DAYS, else the work-order-level target in force for its type on its local
 * creation date (effective_to exclusive). Ages are added as real seconds, so a 7-day
 * threshold is 7 × 86,400 s even across a DST change.
 */
const WO_FACT_COLUMNS = `(wo_number, sr_number, department_id, work_order_type_id, request_type_id, sequence, own_sla_days, own_sla_kind, created_day, close_day, completed, duration_days, duration_centi, sla_days, sla_met, category, raw_outcome, mapped, sla_due_day, age7_day, age30_day, age90_day)`;
const SR_FACT_COLUMNS = `(sr_number, department_id, request_type_id, created_day, close_day, close_days, close_centi, chain_sla_days, flagged_duplicate, suspected_duplicate)`;
const woFactsInto = sql.raw(`agg_wo_facts ${WO_FACT_COLUMNS}`);
const srFactsInto = sql.raw(`agg_sr_facts ${SR_FACT_COLUMNS}`);

function woFactsSelect(tz: string, where: SQL): SQL {
  return sql`
    select wo_number, sr_number, department_id, work_order_type_id, request_type_id, sequence, own_sla_days, own_sla_kind,
           created_day, close_day, completed, duration_days,
           case when completed then round(duration_days * 100)::int end as duration_centi,
           sla_days,
           case when completed and sla_days is not null then duration_days <= sla_days end as sla_met,
           case when close_day is null then null
                when raw_outcome is null then case when canceled then 'cancelled' else 'other' end
                else coalesce(dept_category, city_category, 'other') end as category,
           case when close_day is not null then coalesce(raw_outcome, '') end as raw_outcome,
           case when close_day is not null then raw_outcome is null or dept_category is not null or city_category is not null end as mapped,
           case when sla_days is not null
                then ((created_at + (sla_days::float8 * 86400) * interval '1 second') at time zone ${tz})::date end as sla_due_day,
           ((created_at + interval '604800 seconds') at time zone ${tz})::date as age7_day,
           ((created_at + interval '2592000 seconds') at time zone ${tz})::date as age30_day,
           ((created_at + interval '7776000 seconds') at time zone ${tz})::date as age90_day
      from (
        select w.wo_number, w.sr_number, w.department_id, w.work_order_type_id, s.request_type_id, w.sequence::int as sequence,
               w.sla_days as own_sla_days, coalesce(w.sla_kind, '') as own_sla_kind, w.created_at,
               (w.created_at at time zone ${tz})::date as created_day,
               case when lower(w.status) in ('completed', 'canceled', 'cancelled') and w.completed_at is not null
                    then (w.completed_at at time zone ${tz})::date end as close_day,
               (lower(w.status) = 'completed' and w.completed_at is not null) as completed,
               lower(w.status) in ('canceled', 'cancelled') as canceled,
               case when lower(w.status) = 'completed' and w.completed_at is not null
                    then extract(epoch from (w.completed_at - w.created_at))::float8 / 86400 end as duration_days,
               coalesce(w.sla_days, (
                 select t.days from sla_targets t
                  where t.level = 'work_order' and t.work_order_type_id = w.work_order_type_id
                    and t.effective_from <= (w.created_at at time zone ${tz})::date
                    and (t.effective_to is null or (w.created_at at time zone ${tz})::date < t.effective_to)
                  order by t.effective_from desc, t.id desc limit 1)) as sla_days,
               nullif(trim(w.outcome), '') as raw_outcome,
               md.category as dept_category, mc.category as city_category
          from work_orders w
          join service_requests s on s.sr_number = w.sr_number
          left join (select department_id, outcome_key, category from outcome_mappings offset 0) md
            on md.department_id = w.department_id and md.outcome_key = lower(trim(w.outcome))
          left join (select outcome_key, category from outcome_mappings where department_id is null offset 0) mc
            on mc.outcome_key = lower(trim(w.outcome))
         where ${where}
         -- A fence: the SLA lookup above is evaluated once per row, not once per outer use of sla_days.
         offset 0
      ) w`;
}

/** One fact row per SR; reads agg_wo_facts for its chain, so WO facts must be current first. */
function srFactsSelect(tz: string, where: SQL, withSuspects: boolean): SQL {
  const suspected = withSuspects
    ? sql`(not s.duplicate and exists (select 1 from suspected_duplicates d where d.sr_number = s.sr_number))`
    : sql`false`;
  return sql`
    select sr_number, department_id, request_type_id, created_day, close_day, close_days,
           round(close_days * 100)::int as close_centi, chain_sla_days, flagged_duplicate, suspected_duplicate
      from (
        select s.sr_number, coalesce(s.department_id, 0) as department_id, s.request_type_id,
               (s.created_at at time zone ${tz})::date as created_day,
               (s.closed_at at time zone ${tz})::date as close_day,
               extract(epoch from (s.closed_at - s.created_at))::float8 / 86400 as close_days,
               s.duplicate as flagged_duplicate,
               ${suspected} as suspected_duplicate,
               case when c.wos > 0 and c.wos = c.with_sla then c.sla_sum end as chain_sla_days
          from service_requests s
          left join lateral (
            select count(*) as wos, count(f.sla_days) as with_sla, sum(f.sla_days)::float8 as sla_sum
              from agg_wo_facts f where f.sr_number = s.sr_number
          ) c on true
         where ${where}
      ) s`;
}

/**
 * "empty": the aggregates were just truncated, so every grouped row is new and a plain insert
 * does without the upsert's per-row conflict check. Either way the rows go in key order, so
 * the primary-key B-trees grow at their right edge instead of splitting pages at random.
 */
type Target = "empty" | "existing";
function mergeClause(target: Target) {
  return (onConflict: SQL) => (target === "empty" ? sql`` : onConflict);
}

/**
 * Adds (sign 1) or subtracts (sign −1) the contribution of a set of WO facts. Each fact
 * yields dated events; a backlog pair ("x" on the day it starts to count, "x ended" on the
 * day it stops) makes "how many at `to`" a sum over days before `to` (ADR 007).
 */
async function applyWoFacts(db: Db, facts: SQL, sign: 1 | -1, target: Target = "existing") {
  const s = sql.raw(String(sign));
  const merge = mergeClause(target);
  await db.execute(sql`
    insert into agg_wo_daily as a (department_id, work_order_type_id, day, completed, duration_sum, sla_eligible,
      sla_met, closed, opened, open_ended, sla_due, sla_due_ended, age7, age7_ended, age30, age30_ended, age90, age90_ended)
    select f.department_id, f.work_order_type_id, e.day,
           ${s} * count(*) filter (where e.k = 1 and f.completed),
           ${s} * coalesce(sum(f.duration_days) filter (where e.k = 1 and f.completed), 0),
           ${s} * count(*) filter (where e.k = 1 and f.sla_met is not null),
           ${s} * count(*) filter (where e.k = 1 and f.sla_met),
           ${s} * count(*) filter (where e.k = 1),
           ${s} * count(*) filter (where e.k = 2),
           ${s} * count(*) filter (where e.k = 3),
           ${s} * count(*) filter (where e.k = 4),
           ${s} * count(*) filter (where e.k = 5),
           ${s} * count(*) filter (where e.k = 6),
           ${s} * count(*) filter (where e.k = 7),
           ${s} * count(*) filter (where e.k = 8),
           ${s} * count(*) filter (where e.k = 9),
           ${s} * count(*) filter (where e.k = 10),
           ${s} * count(*) filter (where e.k = 11)
      from ${facts} f
      cross join lateral (values
        (1, f.close_day),
        (2, f.created_day),
        (3, case when f.close_day is not null then greatest(f.created_day, f.close_day) end),
        (4, case when f.sla_due_day is not null then greatest(f.created_day, f.sla_due_day) end),
        (5, case when f.sla_due_day is not null and f.close_day is not null
                 then greatest(f.created_day, f.sla_due_day, f.close_day) end),
        (6, f.age7_day),
        (7, case when f.close_day is not null then greatest(f.age7_day, f.close_day) end),
        (8, f.age30_day),
        (9, case when f.close_day is not null then greatest(f.age30_day, f.close_day) end),
        (10, f.age90_day),
        (11, case when f.close_day is not null then greatest(f.age90_day, f.close_day) end)
      ) as e(k, day)
     where e.day is not null
     group by 1, 2, 3 order by 1, 3, 2
    ${merge(sql`on conflict (department_id, work_order_type_id, day) do update set
      completed = a.completed + excluded.completed, duration_sum = a.duration_sum + excluded.duration_sum,
      sla_eligible = a.sla_eligible + excluded.sla_eligible, sla_met = a.sla_met + excluded.sla_met,
      closed = a.closed + excluded.closed, opened = a.opened + excluded.opened,
      open_ended = a.open_ended + excluded.open_ended, sla_due = a.sla_due + excluded.sla_due,
      sla_due_ended = a.sla_due_ended + excluded.sla_due_ended, age7 = a.age7 + excluded.age7,
      age7_ended = a.age7_ended + excluded.age7_ended, age30 = a.age30 + excluded.age30,
      age30_ended = a.age30_ended + excluded.age30_ended, age90 = a.age90 + excluded.age90,
      age90_ended = a.age90_ended + excluded.age90_ended`)}`);
  await db.execute(sql`
    insert into agg_wo_outcome_daily as a (department_id, work_order_type_id, day, category, raw_outcome, mapped, n)
    select department_id, work_order_type_id, close_day, category, raw_outcome, mapped, ${s} * count(*)
      from ${facts} f where close_day is not null
     group by 1, 2, 3, 4, 5, 6 order by 1, 3, 2, 4, 5, 6
    ${merge(sql`on conflict (department_id, work_order_type_id, day, category, raw_outcome, mapped) do update set n = a.n + excluded.n`)}`);
  await db.execute(sql`
    insert into agg_wo_outcome_monthly as a (department_id, work_order_type_id, day, category, raw_outcome, mapped, n)
    select department_id, work_order_type_id, date_trunc('month', close_day)::date, category, raw_outcome, mapped, ${s} * count(*)
      from ${facts} f where close_day is not null
     group by 1, 2, 3, 4, 5, 6 order by 1, 3, 2, 4, 5, 6
    ${merge(sql`on conflict (department_id, work_order_type_id, day, category, raw_outcome, mapped) do update set n = a.n + excluded.n`)}`);
  await db.execute(sql`
    insert into agg_wo_duration_hist as a (grain, department_id, work_order_type_id, day, centi, n)
    select g.grain, f.department_id, f.work_order_type_id, g.day, f.duration_centi, ${s} * count(*)
      from ${facts} f
      cross join lateral (values ('d', f.close_day), ('m', date_trunc('month', f.close_day)::date)) as g(grain, day)
     where f.completed
     group by 1, 2, 3, 4, 5 order by 1, 2, 4, 3, 5
    ${merge(sql`on conflict (grain, department_id, work_order_type_id, day, centi) do update set n = a.n + excluded.n`)}`);
  await db.execute(sql`
    insert into agg_request_type_chain as a (request_type_id, sequence, work_order_type_id, n)
    select request_type_id, sequence, work_order_type_id, ${s} * count(*) from ${facts} f group by 1, 2, 3 order by 1, 2, 3
    ${merge(sql`on conflict (request_type_id, sequence, work_order_type_id) do update set n = a.n + excluded.n`)}`);
  await db.execute(sql`
    insert into agg_wo_type_declared_sla as a (work_order_type_id, sla_days, sla_kind, n)
    select work_order_type_id, own_sla_days, own_sla_kind, ${s} * count(*) from ${facts} f
     where own_sla_days is not null group by 1, 2, 3 order by 1, 2, 3
    ${merge(sql`on conflict (work_order_type_id, sla_days, sla_kind) do update set n = a.n + excluded.n`)}`);
}

async function applySrFacts(db: Db, facts: SQL, sign: 1 | -1, target: Target = "existing") {
  const s = sql.raw(String(sign));
  const merge = mergeClause(target);
  await db.execute(sql`
    insert into agg_sr_daily as a (department_id, request_type_id, day, created, flagged_duplicates,
      suspected_duplicates, closed, close_days_sum, chain_eligible, chain_met)
    select f.department_id, f.request_type_id, e.day,
           ${s} * count(*) filter (where e.k = 1),
           ${s} * count(*) filter (where e.k = 1 and f.flagged_duplicate),
           ${s} * count(*) filter (where e.k = 1 and f.suspected_duplicate),
           ${s} * count(*) filter (where e.k = 2),
           ${s} * coalesce(sum(f.close_days) filter (where e.k = 2), 0),
           ${s} * count(*) filter (where e.k = 2 and f.chain_sla_days is not null),
           ${s} * count(*) filter (where e.k = 2 and f.close_days <= f.chain_sla_days)
      from ${facts} f
      cross join lateral (values (1, f.created_day), (2, f.close_day)) as e(k, day)
     where e.day is not null
     group by 1, 2, 3 order by 1, 3, 2
    ${merge(sql`on conflict (department_id, request_type_id, day) do update set
      created = a.created + excluded.created, flagged_duplicates = a.flagged_duplicates + excluded.flagged_duplicates,
      suspected_duplicates = a.suspected_duplicates + excluded.suspected_duplicates,
      closed = a.closed + excluded.closed, close_days_sum = a.close_days_sum + excluded.close_days_sum,
      chain_eligible = a.chain_eligible + excluded.chain_eligible, chain_met = a.chain_met + excluded.chain_met`)}`);
  await db.execute(sql`
    insert into agg_sr_close_hist as a (grain, department_id, request_type_id, day, centi, n)
    select g.grain, f.department_id, f.request_type_id, g.day, f.close_centi, ${s} * count(*)
      from ${facts} f
      cross join lateral (values ('d', f.close_day), ('m', date_trunc('month', f.close_day)::date)) as g(grain, day)
     where f.close_day is not null
     group by 1, 2, 3, 4, 5 order by 1, 2, 4, 3, 5
    ${merge(sql`on conflict (grain, department_id, request_type_id, day, centi) do update set n = a.n + excluded.n`)}`);
  await db.execute(sql`
    insert into agg_sr_chain_sla_hist as a (grain, department_id, request_type_id, day, centi, n)
    select g.grain, f.department_id, f.request_type_id, g.day, round(f.chain_sla_days * 100)::int, ${s} * count(*)
      from ${facts} f
      cross join lateral (values ('d', f.close_day), ('m', date_trunc('month', f.close_day)::date)) as g(grain, day)
     where f.close_day is not null and f.chain_sla_days is not null
     group by 1, 2, 3, 4, 5 order by 1, 2, 4, 3, 5
    ${merge(sql`on conflict (grain, department_id, request_type_id, day, centi) do update set n = a.n + excluded.n`)}`);
}
