/**
 * The canonical outcome categories (DESIGN §3.2). This pure module is the one source:
 * db/schema/core.ts re-exports it, so client code can use the labels without pulling
 * drizzle's table builders into the browser bundle.
 */
export const OUTCOME_CATEGORIES = [
  "work_done",
  "no_cause",
  "already_addressed",
  "duplicate",
  "cancelled",
  "transferred",
  "unable_to_locate",
  "other",
] as const;
export type OutcomeCategory = (typeof OUTCOME_CATEGORIES)[number];

export const OUTCOME_LABELS: Record<OutcomeCategory, string> = {
  work_done: "Work done",
  no_cause: "No cause found",
  already_addressed: "Already addressed",
  duplicate: "Duplicate",
  cancelled: "Cancelled",
  transferred: "Transferred",
  unable_to_locate: "Unable to locate",
  other: "Other / unmapped",
};

export function isOutcomeCategory(value: string): value is OutcomeCategory {
  return (OUTCOME_CATEGORIES as readonly string[]).includes(value);
}

/** How a raw outcome is matched against the mapping: trimmed and case-insensitive (§4). */
export function outcomeKey(raw: string): string {
  return raw.trim().toLowerCase();
}

/**
 * The canonical category of one closed work order. A Canceled WO with no outcome is
 * `cancelled`; any other blank outcome, and any raw outcome the mapping does not know,
 * is `other` (and belongs on the "needs mapping" list).
 */
export function categoriseOutcome(
  wo: { status: string; outcome: string | null },
  lookup: (key: string) => OutcomeCategory | undefined,
): OutcomeCategory {
  const key = wo.outcome == null ? "" : outcomeKey(wo.outcome);
  if (key === "") return wo.status === "Canceled" ? "cancelled" : "other";
  return lookup(key) ?? "other";
}
