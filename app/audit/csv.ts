/** The audit export's columns; cells are written by ~/utils/csv, which neutralises spreadsheet formulas. */
export const AUDIT_CSV_HEADER = ["at", "actor", "actor_user_id", "action", "entity_type", "entity_id", "before", "after"];
