import type { Db } from "#db/client.server";
import { refreshSuspectedDuplicatesAfterImport } from "~/duplicates/refresh.server";
import { refreshAggregates } from "~/scorecards/refresh.server";
import type { ImportSummary } from "./run.server";

/** What one or several imports changed, as far as the derived data is concerned. */
export type ImportChanges = Pick<ImportSummary, "touched" | "duplicateWindow">;

/**
 * Brings the derived data up to date after imports of any kind: suspected duplicates first, over the
 * requests whose verdict the imports can have changed (the request aggregates count them),
 * then the pre-aggregates of exactly the rows the imports and the detector changed. Every
 * caller of `importFile` that changes data goes through here, so none can forget a step. Run
 * even when nothing changed: it also catches up on rows an earlier failed refresh left pending.
 */
export async function refreshAfterImport(db: Db, changes: ImportChanges) {
  if (changes.duplicateWindow) await refreshSuspectedDuplicatesAfterImport(db, changes.duplicateWindow);
  return refreshAggregates(db, "pending");
}

/** What several imports changed together, for one refresh at the end. */
export function mergeChanges(a: ImportChanges, b: ImportChanges): ImportChanges {
  return { touched: mergeSpans(a.touched, b.touched), duplicateWindow: mergeWindows(a.duplicateWindow, b.duplicateWindow) };
}

function mergeSpans(a: ImportChanges["touched"], b: ImportChanges["touched"]): ImportChanges["touched"] {
  if (!a) return b;
  if (!b) return a;
  return { from: a.from < b.from ? a.from : b.from, to: a.to > b.to ? a.to : b.to };
}

function mergeWindows(a: ImportChanges["duplicateWindow"], b: ImportChanges["duplicateWindow"]): ImportChanges["duplicateWindow"] {
  if (!a) return b;
  if (!b) return a;
  const to = a.to === null || b.to === null ? null : a.to > b.to ? a.to : b.to;
  return { from: a.from < b.from ? a.from : b.from, to };
}
