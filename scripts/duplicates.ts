/**
 * npm run duplicates -- --from YYYY-MM-DD --to YYYY-MM-DD [--csv | --json] [--hidden] [--no-refresh]
 * Runs the duplicate detector over the requests created in [from, to) (local dates, `to`
 * exclusive), stores the result, and prints the pairs: CSV by default
 * (SR_NUMBER,DUPLICATE_OF,…). A one-line summary goes to stderr.
 */
import { parseArgs } from "node:util";
import { closeDb, getDbHandle } from "#db/client.server";
import { ALL_DEPARTMENTS } from "~/auth/scope";
import { listSuspectedDuplicates, suspectedDuplicatesCsv } from "~/duplicates/queries.server";
import { refreshSuspectedDuplicates } from "~/duplicates/refresh.server";
import { refreshAggregates } from "~/scorecards/refresh.server";
import { parsePeriod } from "~/metrics/periods.server";

const USAGE = "usage: npm run duplicates -- --from YYYY-MM-DD --to YYYY-MM-DD [--csv | --json] [--hidden] [--no-refresh]";

let args;
try {
  args = parseArgs({
    options: {
      from: { type: "string" },
      to: { type: "string" },
      csv: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      hidden: { type: "boolean", default: false },
      "no-refresh": { type: "boolean", default: false },
    },
    strict: true,
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (args.csv && args.json) {
  console.error(`--csv and --json exclude each other\n${USAGE}`);
  process.exit(2);
}
let period;
try {
  period = parsePeriod({ from: args.from, to: args.to });
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

const { db } = await getDbHandle();
try {
  if (!args["no-refresh"]) {
    const r = await refreshSuspectedDuplicates(db, period);
    console.error(
      `duplicates [${period.from}, ${period.to}): scanned ${r.scanned}, detected ${r.detected} in ${r.ms} ms` +
        ` (params ${r.paramsVersion}; excluded types: ${r.excludedTypes.join("; ") || "none"})`,
    );
    // The scorecards count suspected duplicates: redo the requests whose verdict changed.
    await refreshAggregates(db, "pending");
  }
  const rows = await listSuspectedDuplicates(db, { ...period, scope: ALL_DEPARTMENTS, onlyHidden: args.hidden });
  process.stdout.write(args.json ? `${JSON.stringify(rows, null, 2)}\n` : suspectedDuplicatesCsv(rows));
} finally {
  await closeDb();
}
