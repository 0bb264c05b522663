/**
 * Cancel usage (DESIGN §5.7; OIG audit finding 2): how often a department closes work orders
 * as Canceled, and how often a Canceled WO carries an outcome that says the problem needed no
 * work — the outcomes under which the audit found duplicates hidden instead of coupled. Pure:
 * the page and its tests share it.
 */
import { pct } from "~/metrics/compute";
import type { OutcomeCategory } from "~/metrics/outcomes";

/** Outcomes that, on a Canceled WO, close it without saying what was done. */
export const HIDING_OUTCOME_CATEGORIES = ["already_addressed", "no_cause", "duplicate"] as const satisfies readonly OutcomeCategory[];

export interface CancelCounts {
  /** WOs Completed or Canceled with their closing day in the period (§4 woClosed) */
  closed: number;
  canceled: number;
  /** Canceled WOs whose outcome maps to one of HIDING_OUTCOME_CATEGORIES */
  canceledHiding: number;
}

export interface CancelShares extends CancelCounts {
  /** 100 × canceled / closed; null when nothing closed */
  canceledPct: number | null;
  /** 100 × canceledHiding / closed; null when nothing closed */
  canceledHidingPct: number | null;
}

export function cancelShares(counts: CancelCounts): CancelShares {
  return {
    ...counts,
    canceledPct: pct(counts.canceled, counts.closed),
    canceledHidingPct: pct(counts.canceledHiding, counts.closed),
  };
}
