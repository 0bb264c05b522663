/**
 * npm run bench -- import|metrics|auth|all [--scale N] [--runs N]
 *
 * Every figure is printed with its ratio to a baseline measured in the same run on the
 * same machine, so numbers from different machines stay comparable.
 */
import { parseArgs } from "node:util";
import { benchAuth } from "./bench-auth";
import { benchImport } from "./bench/import";
import { benchMetrics } from "./bench/metrics";
import { section } from "./bench/report";

const USAGE = "usage: npm run bench -- import|metrics|auth|all [--scale N] [--runs N]";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    scale: { type: "string", default: "200000" },
    runs: { type: "string", default: "15" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const which = positionals[0] ?? "all";
const scale = Number(values.scale);
const runs = Number(values.runs);
if (!["import", "metrics", "auth", "all"].includes(which) || positionals.length > 1) {
  console.error(USAGE);
  process.exit(2);
}
if (!Number.isInteger(scale) || scale < 100) {
  console.error(`--scale must be a whole number of requests ≥ 100, got ${values.scale}`);
  process.exit(2);
}
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a whole number ≥ 1, got ${values.runs}`);
  process.exit(2);
}

const failures: string[] = [];
if (which === "import" || which === "all") failures.push(...(await benchImport({ scale })).failures);
if (which === "metrics" || which === "all") failures.push(...(await benchMetrics({ scale, runs })).failures);
if (which === "auth" || which === "all") {
  section("auth · sign-in and session validation");
  await benchAuth();
}

if (failures.length) {
  console.error(`\nbench found ${failures.length} correctness problem(s):`);
  for (const f of failures) console.error(`  - ${f}`);
  process.exit(1);
}
