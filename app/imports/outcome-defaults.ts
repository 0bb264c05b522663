/**
 * Raw outcomes every department uses in the same sense (DEPARTMENT blank = all departments).
 * Department-specific wording comes in through an outcome-map CSV and overrides these.
 */
import type { OutcomeCategory } from "~/metrics/outcomes";

export const DEFAULT_OUTCOME_MAPPINGS: ReadonlyArray<{ rawOutcome: string; category: OutcomeCategory }> = [
  { rawOutcome: "Work Completed", category: "work_done" },
  { rawOutcome: "Completed", category: "work_done" },
  { rawOutcome: "Repaired", category: "work_done" },
  { rawOutcome: "Work Done", category: "work_done" },
  { rawOutcome: "Fixed", category: "work_done" },
  { rawOutcome: "Service Provided", category: "work_done" },
  { rawOutcome: "No Cause", category: "no_cause" },
  { rawOutcome: "No Cause Found", category: "no_cause" },
  { rawOutcome: "Nothing Found", category: "no_cause" },
  { rawOutcome: "No Problem Found", category: "no_cause" },
  { rawOutcome: "Already Completed", category: "already_addressed" },
  { rawOutcome: "Problem Already Addressed", category: "already_addressed" },
  { rawOutcome: "Duplicate", category: "duplicate" },
  { rawOutcome: "Duplicate Request", category: "duplicate" },
  { rawOutcome: "Duplicate Service Request", category: "duplicate" },
  { rawOutcome: "Canceled", category: "cancelled" },
  { rawOutcome: "Cancelled", category: "cancelled" },
  { rawOutcome: "Cancelled by Requester", category: "cancelled" },
  { rawOutcome: "Canceled by Requester", category: "cancelled" },
  { rawOutcome: "Transferred", category: "transferred" },
  { rawOutcome: "Referred to Other Agency", category: "transferred" },
  { rawOutcome: "Unable to Locate", category: "unable_to_locate" },
  { rawOutcome: "Address Not Found", category: "unable_to_locate" },
];
