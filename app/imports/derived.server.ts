import type { Db } from "#db/client.server";
import { refreshPendingSuspectedDuplicates } from "~/duplicates/refresh.server";
import { refreshAggregates } from "~/scorecards/refresh.server";

/**
 * Brings the derived data up to date after imports of any kind (ADR 010): suspected
 * duplicates first, over the requests whose verdict imports can have changed (the request
 * aggregates count them), then the pre-aggregates of exactly the rows the imports, mappings
 * and the detector changed. Both work from what the imports left in the database, so one call
 * after several files does them all, and a call after a failure catches up on what it left.
 * Every caller of `importFile` that changes data goes through here, so none can forget a step.
 */
export async function refreshAfterImport(db: Db) {
  const duplicates = await refreshPendingSuspectedDuplicates(db);
  const aggregates = await refreshAggregates(db, "pending");
  return { duplicates, aggregates };
}
