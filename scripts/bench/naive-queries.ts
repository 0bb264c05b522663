/**
 * What a BI tool sends when pointed at the raw tables for a citywide 12-month scorecard:
 * one grouped scan per block of the page, percentiles computed over every row. The same
 * text runs on PostgreSQL and DuckDB. Parameters are instants: `period` queries take
 * $1 = start and $2 = end, `end` queries take $1 = end.
 */
export interface NaiveQuery {
  params: "period" | "end";
  text: string;
}

export const NAIVE_SCORECARD_QUERIES: Record<string, NaiveQuery> = {
  "work-order stats": { params: "period", text: `
    select department_id, grouping(department_id) = 1 as is_total,
      count(*) as wo_completed,
      percentile_cont(0.5) within group (order by d) as wo_median_days,
      percentile_cont(0.9) within group (order by d) as wo_p90_days,
      avg(d) as wo_mean_days,
      100.0 * count(*) filter (where sla_days is not null and d <= sla_days)
        / nullif(count(*) filter (where sla_days is not null), 0) as wo_sla_met_pct
    from (
      select department_id, sla_days, extract(epoch from (completed_at - created_at)) / 86400.0 as d
      from work_orders
      where status = 'Completed' and completed_at >= $1::timestamptz and completed_at < $2::timestamptz
    ) w
    group by rollup (department_id)` },
  "outcome mix": { params: "period", text: `
    select department_id, category, count(*) as n
    from (
      select w.department_id,
        coalesce(own.category, every_dept.category,
          case when w.status = 'Canceled' and coalesce(trim(w.outcome), '') = '' then 'cancelled' else 'other' end) as category
      from work_orders w
      left join outcome_mappings own on own.department_id = w.department_id and own.outcome_key = lower(trim(w.outcome))
      left join outcome_mappings every_dept on every_dept.department_id is null and every_dept.outcome_key = lower(trim(w.outcome))
      where w.status in ('Completed', 'Canceled') and w.completed_at >= $1::timestamptz and w.completed_at < $2::timestamptz
    ) closed
    group by rollup (department_id, category)` },
  "request stats": { params: "period", text: `
    select department_id, grouping(department_id) = 1 as is_total,
      count(*) filter (where created_at >= $1::timestamptz and created_at < $2::timestamptz) as requests_created,
      count(*) filter (where closed_at >= $1::timestamptz and closed_at < $2::timestamptz) as requests_closed,
      percentile_cont(0.5) within group (order by extract(epoch from (closed_at - created_at)) / 86400.0)
        filter (where closed_at >= $1::timestamptz and closed_at < $2::timestamptz) as request_median_days_to_close,
      100.0 * count(*) filter (where duplicate and created_at >= $1::timestamptz and created_at < $2::timestamptz)
        / nullif(count(*) filter (where created_at >= $1::timestamptz and created_at < $2::timestamptz), 0) as flagged_duplicate_pct
    from service_requests
    where (created_at >= $1::timestamptz and created_at < $2::timestamptz)
       or (closed_at >= $1::timestamptz and closed_at < $2::timestamptz)
    group by rollup (department_id)` },
  backlog: { params: "end", text: `
    select department_id, grouping(department_id) = 1 as is_total,
      count(*) as open_wo_at_end,
      count(*) filter (where sla_days is not null and extract(epoch from ($1::timestamptz - created_at)) / 86400.0 > sla_days)
        as open_wo_past_sla_at_end
    from work_orders
    where created_at < $1::timestamptz and (completed_at is null or completed_at >= $1::timestamptz)
    group by rollup (department_id)` },
};
