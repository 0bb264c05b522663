/**
 * Exact weekly and monthly medians of WO durations per department, for the trend charts
 * (agg_trend_percentiles, ADR 007). A 52-week trend would otherwise sum a year of day-grain
 * 0.01-day histogram rows — tens of thousands per department at city scale — on every view.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "#db/client.server";

const BUCKETS = sql`(values ('w', date_trunc('week', f.close_day)::date), ('m', date_trunc('month', f.close_day)::date))`;

/**
 * Recomputes the (department, bucket) rows holding one of `changed` (a relation with
 * `department_id` and `day` columns: the closing days of facts that changed), or every row
 * when null. A nightly delta recomputes its department's current week and month only.
 */
export async function refreshTrendPercentiles(db: Db, changed: SQL | null) {
  if (changed === null) {
    await db.execute(sql`truncate agg_trend_percentiles`);
    await db.execute(sql`
      insert into agg_trend_percentiles (grain, department_id, bucket, n, median)
      select g.grain, f.department_id, g.bucket, count(*), percentile_cont(0.5) within group (order by f.duration_days)
        from agg_wo_facts f cross join lateral ${BUCKETS} as g(grain, bucket)
       where f.completed
       group by 1, 2, 3 order by 1, 2, 3`);
    return;
  }
  await db.execute(sql`create temp table agg_changed_trend_buckets on commit drop as
    select distinct g.grain, c.department_id, g.bucket,
           case g.grain when 'w' then g.bucket + 7 else (g.bucket + interval '1 month')::date end as bucket_end
      from ${changed} c
     cross join lateral (values ('w', date_trunc('week', c.day)::date), ('m', date_trunc('month', c.day)::date)) as g(grain, bucket)`);
  await db.execute(sql`analyze agg_changed_trend_buckets`);
  await db.execute(sql`delete from agg_trend_percentiles p using agg_changed_trend_buckets b
    where p.grain = b.grain and p.department_id = b.department_id and p.bucket = b.bucket`);
  await db.execute(sql`
    insert into agg_trend_percentiles (grain, department_id, bucket, n, median)
    select b.grain, b.department_id, b.bucket, count(*), percentile_cont(0.5) within group (order by f.duration_days)
      from agg_changed_trend_buckets b
      join agg_wo_facts f on f.department_id = b.department_id and f.close_day >= b.bucket and f.close_day < b.bucket_end
     where f.completed
     group by 1, 2, 3`);
}
