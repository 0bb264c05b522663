import { sql } from "drizzle-orm";
import { queryRows, type Db } from "#db/client.server";

/** Every aggregate row with a non-zero count, floats rounded: what must match between refreshes. */
export async function dumpAggregates(db: Db) {
  const tables = {
    wo_daily: sql`select * from agg_wo_daily where completed <> 0 or closed <> 0 or opened <> 0 or open_ended <> 0 or sla_due <> 0
                  or sla_due_ended <> 0 or age7 <> 0 or age7_ended <> 0 or age30 <> 0 or age30_ended <> 0 or age90 <> 0 or age90_ended <> 0
                  or sla_eligible <> 0 or sla_met <> 0`,
    outcomes: sql`select * from agg_wo_outcome_daily where n <> 0`,
    outcomes_monthly: sql`select * from agg_wo_outcome_monthly where n <> 0`,
    wo_hist: sql`select * from agg_wo_duration_hist where n <> 0`,
    sr_daily: sql`select * from agg_sr_daily where created <> 0 or closed <> 0 or flagged_duplicates <> 0 or suspected_duplicates <> 0
                  or chain_eligible <> 0 or chain_met <> 0`,
    sr_hist: sql`select * from agg_sr_close_hist where n <> 0`,
    sr_chain: sql`select * from agg_sr_chain_sla_hist where n <> 0`,
    chain: sql`select * from agg_request_type_chain where n <> 0`,
    declared: sql`select * from agg_wo_type_declared_sla where n <> 0`,
    standard_periods: sql`select * from agg_standard_periods`,
    percentiles: sql`select * from agg_period_percentiles`,
    trend_percentiles: sql`select * from agg_trend_percentiles`,
    wo_facts: sql`select * from agg_wo_facts`,
    sr_facts: sql`select * from agg_sr_facts`,
  };
  const out: Record<string, string[]> = {};
  for (const [name, query] of Object.entries(tables)) {
    const rows = await queryRows(db, query);
    out[name] = rows
      .map((r) =>
        JSON.stringify(
          Object.fromEntries(
            Object.entries(r)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => [k, typeof v === "number" && !Number.isInteger(v) ? Math.round(v * 1e6) / 1e6 : v instanceof Date ? v.toISOString() : v]),
          ),
        ),
      )
      .sort();
  }
  return out;
}
