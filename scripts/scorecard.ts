/**
 * npm run scorecard -- --from YYYY-MM-DD --to YYYY-MM-DD --json
 * Prints the DESIGN §6 scorecard of the whole city for the period [from, to) as JSON:
 * { period, citywide, departments: [{ name, …metrics, workOrderTypes: [{ type, slaDays, …metrics }] }] }.
 */
import { parseArgs } from "node:util";
import { closeDb, getDbHandle } from "#db/client.server";
import { ALL_DEPARTMENTS } from "~/auth/scope";
import { parsePeriod } from "~/scorecards/period-params.server";
import { getScorecardExport } from "~/scorecards/queries.server";

const USAGE = "usage: npm run scorecard -- --from YYYY-MM-DD --to YYYY-MM-DD --json";

function fail(message: string): never {
  console.error(`scorecard: ${message}\n${USAGE}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: { from: { type: "string" }, to: { type: "string" }, json: { type: "boolean", default: false } },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (error) {
  fail((error as Error).message);
}
if (!args.json) fail("--json is required (JSON is the only output format)");
const parsed = parsePeriod({ from: args.from, to: args.to });
if (!parsed.ok) fail(Object.values(parsed.errors).flat().join("; "));

const { db } = await getDbHandle();
try {
  const scorecard = await getScorecardExport(db, { scope: ALL_DEPARTMENTS, period: parsed.period });
  process.stdout.write(`${JSON.stringify(scorecard, null, 2)}\n`);
} finally {
  await closeDb();
}
