/**
 * npm run import -- requests|work-orders|open311|outcome-map FILE [FILE…]
 * Prints DESIGN §6 lines per file; exits 1 if a file could not be imported at all.
 * Afterwards refreshes suspected duplicates and the pre-aggregates for what the imports changed.
 */
import { closeDb, getDbHandle } from "#db/client.server";
import { IMPORT_KINDS, formatSummary, importFile, type ImportKind } from "~/imports/run.server";
import { refreshAfterImport } from "~/imports/derived.server";

const [kind, ...files] = process.argv.slice(2);
if (!IMPORT_KINDS.includes(kind as ImportKind) || files.length === 0) {
  console.error(`usage: npm run import -- ${IMPORT_KINDS.join("|")} FILE [FILE…]`);
  process.exit(2);
}

const { db } = await getDbHandle();
let exitCode = 0;
try {
  for (const file of files) {
    const summary = await importFile(db, { kind: kind as ImportKind, path: file, actorLabel: `cli import: ${file}` });
    for (const line of formatSummary(summary)) console.log(line);
    if (summary.status !== "succeeded") exitCode = 1;
  }
  await refreshAfterImport(db);
} finally {
  await closeDb();
}
process.exit(exitCode);
