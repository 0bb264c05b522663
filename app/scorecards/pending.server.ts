/**
 * Writers other than the importer's upserts leave here the rows their change re-derives, in
 * their own transaction, for the next `refreshAggregates(db, "pending")` (ADR 010).
 */
import { sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { pgTextArray } from "~/imports/pg-array";

type Executor = Pick<Db, "execute">;

/**
 * The work orders a changed outcome mapping re-classifies: those whose outcome it matches (as
 * the refresh matches it, `lower(trim(outcome))`), in its department or, for a mapping of
 * every department, anywhere. One scan of work_orders for all the mappings of a file.
 */
export async function markWorkOrdersWithOutcomes(db: Executor, mappings: { departmentId: number | null; outcomeKey: string }[]) {
  if (mappings.length === 0) return;
  const departments = pgTextArray(mappings.map((m) => (m.departmentId === null ? null : String(m.departmentId))));
  const keys = pgTextArray(mappings.map((m) => m.outcomeKey));
  await db.execute(sql`
    insert into agg_pending_wo (wo_number)
    select w.wo_number from work_orders w
      join unnest(${departments}::text[], ${keys}::text[]) as m(department_id, outcome_key)
        on m.outcome_key = lower(trim(w.outcome)) and (m.department_id is null or m.department_id::int = w.department_id)`);
}
