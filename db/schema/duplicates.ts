import { date, doublePrecision, index, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The duplicate detector's output (app/duplicates): one row per request it links to an
 * earlier one, flagged or not. Refreshed per date range of creation; scorecards count
 * `suspectedDuplicates` from here (rows whose request is not flagged).
 */
export const suspectedDuplicates = pgTable(
  "suspected_duplicates",
  {
    // No foreign keys: every row is derived, in one snapshot, from requests the detector just
    // read, and nothing deletes requests; checking three keys per pair cost 7.5 of the 68 s a
    // Chicago year's 544 k pairs took to detect (ADR 006).
    srNumber: text("sr_number").primaryKey(),
    duplicateOf: text("duplicate_of").notNull(),
    requestTypeId: integer("request_type_id").notNull(),
    /** null when either request has no coordinates (matched on the address alone) */
    distanceM: doublePrecision("distance_m"),
    gapHours: doublePrecision("gap_hours").notNull(),
    /** `address` (same normalised address) or `distance` (nearby on the same street) */
    matchedBy: text("matched_by").notNull().$type<"address" | "distance">(),
    detectedAt: timestamp("detected_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** fingerprint of the detector's parameters (app/duplicates/params.ts) */
    paramsVersion: text("params_version").notNull(),
  },
  (t) => [index("suspected_duplicates_duplicate_of_idx").on(t.duplicateOf)],
);

/**
 * Spans of creation dates whose verdicts an import may have changed and the detector has not
 * yet re-judged (ADR 010). Written in the import's transaction and deleted in the detector's,
 * so a detector that fails or never runs leaves them for the next one.
 */
export const suspectedDuplicatesPending = pgTable("suspected_duplicates_pending", {
  id: serial("id").primaryKey(),
  fromDay: date("from_day", { mode: "string" }).notNull(),
  /** null: up to the latest request */
  toDay: date("to_day", { mode: "string" }),
});
