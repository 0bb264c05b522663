/**
 * Exact percentiles of the standard periods (ADR 007): every complete calendar month,
 * quarter and year, and every trailing twelve months ending at a month start. Reading a
 * year of 0.01-day histograms means millions of rows at city scale; these periods are the
 * ones pages ask for, so the refresh computes them once with percentile_cont over the facts.
 */
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "#db/client.server";
import { addMonths, type Period } from "~/metrics/periods";

/** Every standard period inside [firstMonth, endMonth) (both first-of-month dates). */
export function standardPeriodsWithin(firstMonth: string, endMonth: string): Period[] {
  const out = new Map<string, Period>();
  const add = (from: string, to: string) => {
    if (from >= firstMonth && to <= endMonth) out.set(`${from}/${to}`, { from, to });
  };
  for (let m = firstMonth; m <= endMonth; m = addMonths(m, 1)) {
    const month = Number(m.slice(5, 7));
    add(m, addMonths(m, 1));
    if ((month - 1) % 3 === 0) add(m, addMonths(m, 3));
    add(addMonths(m, -12), m); // the trailing twelve months before m (a calendar year when m is January)
  }
  return [...out.values()].sort((a, b) => (a.from === b.from ? a.to.localeCompare(b.to) : a.from.localeCompare(b.from)));
}

export function isMonthAligned(period: Period) {
  return period.from.endsWith("-01") && period.to.endsWith("-01");
}

/**
 * Brings agg_period_percentiles up to date: drops the periods that contain one of
 * `changedDays` (a relation with a `day` column: the closing days of facts that changed;
 * everything when null), then computes every complete standard period that is missing.
 * Complete means its last day is on or before the latest closing day, so a daily delta
 * inside the current month recomputes nothing (the month's last day has not come), the
 * delta of a month's last day computes that month's periods once, and a correction to an
 * old month recomputes only the windows holding that month, not every window up to today.
 */
export async function refreshStandardPeriods(db: Db, changedDays: SQL | null) {
  if (changedDays === null) {
    await db.execute(sql`truncate agg_standard_periods, agg_period_percentiles`);
  } else {
    const holdsChange = sql`exists (select 1 from ${changedDays} c where c.day >= period_from and c.day < period_to)`;
    await db.execute(sql`delete from agg_period_percentiles where ${holdsChange}`);
    await db.execute(sql`delete from agg_standard_periods where ${holdsChange}`);
  }
  const [range] = await queryRows<{ first: string | null; end: string | null }>(
    db,
    sql`select to_char(date_trunc('month', min(d)), 'YYYY-MM-DD') as first,
               to_char(date_trunc('month', max(d) + 1), 'YYYY-MM-DD') as end
          from (select min(close_day) as d from agg_wo_facts union all select max(close_day) from agg_wo_facts
                union all select min(close_day) from agg_sr_facts union all select max(close_day) from agg_sr_facts) x`,
  );
  if (!range?.first || !range.end) {
    await db.execute(sql`truncate agg_standard_periods, agg_period_percentiles`);
    return 0;
  }
  // The data's span can shrink (a reopened last-day request, a corrected future date): what
  // lies outside it is no longer complete, as a full rebuild would not compute it either.
  const outside = sql`period_from < ${range.first} or period_to > ${range.end}`;
  await db.execute(sql`delete from agg_period_percentiles where ${outside}`);
  await db.execute(sql`delete from agg_standard_periods where ${outside}`);
  const periods = standardPeriodsWithin(range.first, range.end);
  if (periods.length === 0) return 0;
  await db.execute(sql`create temp table agg_missing_periods on commit drop as
    select p.period_from, p.period_to from (values ${sql.join(
      periods.map((p) => sql`(${p.from}::date, ${p.to}::date)`),
      sql`, `,
    )}) as p(period_from, period_to)
    where not exists (select 1 from agg_standard_periods s where s.period_from = p.period_from and s.period_to = p.period_to)`);
  const [missing] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from agg_missing_periods`);
  if (Number(missing.n) === 0) return 0;
  await insertPercentiles(db, "wo", sql`agg_wo_facts`, sql`work_order_type_id`, sql`duration_days`, sql`completed`);
  await insertPercentiles(db, "sr_close", sql`agg_sr_facts`, sql`request_type_id`, sql`close_days`, sql`close_day is not null`);
  await insertPercentiles(db, "sr_chain", sql`agg_sr_facts`, sql`request_type_id`, sql`chain_sla_days`, sql`close_day is not null and chain_sla_days is not null`);
  await db.execute(sql`insert into agg_standard_periods (period_from, period_to) select period_from, period_to from agg_missing_periods`);
  return Number(missing.n);
}

async function insertPercentiles(db: Db, measure: string, facts: SQL, typeColumn: SQL, value: SQL, where: SQL) {
  await db.execute(sql`
    insert into agg_period_percentiles (measure, period_from, period_to, department_id, type_id, n, median, p90)
    select ${measure}, p.period_from, p.period_to,
           case when grouping(f.department_id) = 1 then -1 else f.department_id end,
           case when grouping(f.${typeColumn}) = 1 then -1 else f.${typeColumn} end,
           count(*), percentile_cont(0.5) within group (order by f.${value}), percentile_cont(0.9) within group (order by f.${value})
      from ${facts} f join agg_missing_periods p on f.close_day >= p.period_from and f.close_day < p.period_to
     where ${where}
     group by p.period_from, p.period_to, grouping sets ((f.department_id, f.${typeColumn}), (f.department_id), ())`);
}

export interface StandardPercentileRow {
  departmentId: number;
  typeId: number;
  n: number;
  median: number | null;
  p90: number | null;
}

/** The stored percentiles of a period, or null when it is not a computed standard period. */
export async function standardPercentiles(
  db: Db,
  measure: "wo" | "sr_close" | "sr_chain",
  period: Period,
  where: SQL,
): Promise<StandardPercentileRow[] | null> {
  if (!isMonthAligned(period)) return null;
  const rows = await queryRows<StandardPercentileRow & { known: boolean }>(
    db,
    sql`select s.period_from is not null as known, p.department_id as "departmentId", p.type_id as "typeId", p.n, p.median, p.p90
          from (select 1) one
          left join agg_standard_periods s on s.period_from = ${period.from} and s.period_to = ${period.to}
          left join agg_period_percentiles p on s.period_from is not null and p.measure = ${measure}
                and p.period_from = ${period.from} and p.period_to = ${period.to} and ${where}`,
  );
  if (!rows[0]?.known) return null;
  return rows
    .filter((r) => r.departmentId != null)
    .map((r) => ({
      departmentId: Number(r.departmentId),
      typeId: Number(r.typeId),
      n: Number(r.n),
      median: r.median == null ? null : Number(r.median),
      p90: r.p90 == null ? null : Number(r.p90),
    }));
}
