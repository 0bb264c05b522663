import type { Db } from "#db/client.server";
import { refreshSuspectedDuplicatesAfterImport } from "~/duplicates/refresh.server";
import { addDays } from "~/metrics/periods";
import { refreshAggregates } from "~/scorecards/refresh.server";
import type { ImportKind, ImportSummary } from "./run.server";

/**
 * Brings the derived data up to date after imports: suspected duplicates first (the
 * request aggregates count them), then the pre-aggregates over every date either touched.
 * Every caller of `importFile` that changes data goes through here, so none can forget a step.
 */
export async function refreshAfterImport(db: Db, kind: ImportKind, touched: ImportSummary["touched"]) {
  if (!touched) return;
  // A changed outcome mapping re-classifies work orders of any date: rebuild everything.
  if (kind === "outcome-map") return refreshAggregates(db, null);
  let range = touched;
  if (kind === "requests" || kind === "open311") {
    const duplicates = await refreshSuspectedDuplicatesAfterImport(db, touched);
    // The detector's period is exclusive; the aggregates take an inclusive last day.
    const lastDetectedDay = addDays(duplicates.period.to, -1);
    if (lastDetectedDay > range.to) range = { from: range.from, to: lastDetectedDay };
  }
  return refreshAggregates(db, range);
}

/** The union of the dates several imports touched, for one refresh at the end. */
export function mergeTouched(
  a: ImportSummary["touched"],
  b: ImportSummary["touched"],
): ImportSummary["touched"] {
  if (!a) return b;
  if (!b) return a;
  return { from: a.from < b.from ? a.from : b.from, to: a.to > b.to ? a.to : b.to };
}
