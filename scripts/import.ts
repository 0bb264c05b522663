/**
 * npm run import -- requests|work-orders|open311|outcome-map FILE [FILE…]
 * Prints DESIGN §6 lines per file; exits 1 if a file could not be imported at all.
 * Afterwards refreshes the pre-aggregates for the dates the imports touched.
 */
import { closeDb, getDbHandle } from "#db/client.server";
import { IMPORT_KINDS, formatSummary, importFile, type ImportKind } from "~/imports/run.server";
import { refreshAggregates } from "~/scorecards/refresh.server";

const [kind, ...files] = process.argv.slice(2);
if (!IMPORT_KINDS.includes(kind as ImportKind) || files.length === 0) {
  console.error(`usage: npm run import -- ${IMPORT_KINDS.join("|")} FILE [FILE…]`);
  process.exit(2);
}

const { db } = await getDbHandle();
let exitCode = 0;
let from: string | null = null;
let to: string | null = null;
let changed = false;
try {
  for (const file of files) {
    const summary = await importFile(db, { kind: kind as ImportKind, path: file, actorLabel: `cli import: ${file}` });
    for (const line of formatSummary(summary)) console.log(line);
    if (summary.status !== "succeeded") exitCode = 1;
    if (summary.touched) {
      changed = true;
      if (from === null || summary.touched.from < from) from = summary.touched.from;
      if (to === null || summary.touched.to > to) to = summary.touched.to;
    }
  }
  if (changed) {
    // A changed outcome mapping re-classifies work orders of any date: rebuild everything.
    await refreshAggregates(db, kind === "outcome-map" || from === null || to === null ? null : { from, to });
  }
} finally {
  await closeDb();
}
process.exit(exitCode);
