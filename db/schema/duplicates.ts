import { doublePrecision, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { requestTypes, serviceRequests } from "./core";

/**
 * The duplicate detector's output (app/duplicates): one row per request it links to an
 * earlier one, flagged or not. Refreshed per date range of creation; scorecards count
 * `suspectedDuplicates` from here (rows whose request is not flagged).
 */
export const suspectedDuplicates = pgTable(
  "suspected_duplicates",
  {
    srNumber: text("sr_number")
      .primaryKey()
      .references(() => serviceRequests.srNumber, { onDelete: "cascade" }),
    duplicateOf: text("duplicate_of")
      .notNull()
      .references(() => serviceRequests.srNumber, { onDelete: "cascade" }),
    requestTypeId: integer("request_type_id")
      .notNull()
      .references(() => requestTypes.id),
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
