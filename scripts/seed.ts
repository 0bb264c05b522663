/**
 * npm run seed -- [--scale N] [--seed S] [--end YYYY-MM-DD] [--days N] [--out DIR]
 *
 * Without --out: generates the demo city and imports it into DATABASE_URL (an empty database),
 * then runs the duplicate detector over its year and refreshes the aggregates. With --out: only writes the CSV files (requests in the portal
 * export shape, work orders, outcome map, SLA targets, planted-duplicate truth) into DIR.
 */
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { count } from "drizzle-orm";
import { closeDb, getDbHandle, type Db } from "../db/client.server";
import { serviceRequests } from "../db/schema/core";
import { seedDemoUsers } from "../app/auth/demo-users.server";
import { demoPeriod, type DemoCityOptions } from "../app/demo/city";
import { seedDemoCity, type SeedResult } from "../app/demo/seed.server";
import { writeDemoCity } from "../app/demo/write.server";
import { refreshSuspectedDuplicates } from "../app/duplicates/refresh.server";
import { refreshAggregates } from "../app/scorecards/refresh.server";

async function requestCount(db: Db) {
  const [row] = await db.select({ n: count() }).from(serviceRequests);
  return Number(row.n);
}

function summaryLine(result: SeedResult) {
  const c = result.counts;
  return (
    `demo city seeded: ${c.requests} requests, ${c.workOrders} work orders, ${c.openRequests} open, ` +
    `${c.flaggedDuplicates} flagged + ${c.hiddenDuplicates} hidden duplicates, ${c.recurrences} recurrences, ` +
    `${result.slaTargets} SLA targets, in ${result.seconds.toFixed(1)} s`
  );
}

/** What an import is followed by: the duplicate detector over the city's year, then the aggregates that count its finds. */
async function derive(db: Db, result: SeedResult) {
  const duplicates = await refreshSuspectedDuplicates(db, { ...demoPeriod(result.options), timeZone: result.options.timeZone });
  const refresh = await refreshAggregates(db);
  return `${duplicates.detected} suspected duplicates in ${(duplicates.ms / 1000).toFixed(1)} s, aggregates in ${(refresh.ms / 1000).toFixed(1)} s`;
}

/**
 * Called by scripts/start.ts on an embedded database: seeds the default demo city (and its
 * demo users) into an empty one; does nothing to a database that already has requests.
 */
export async function ensureDemoCity(db: Db) {
  if ((await requestCount(db)) > 0) return;
  const result = await seedDemoCity(db);
  console.log(summaryLine(result));
  const derived = await derive(db, result);
  const users = await seedDemoUsers(db);
  console.log(`${derived}; demo users (password):`);
  for (const u of users) {
    const where = u.departments.length ? `, ${u.departments.join(", ")}` : "";
    console.log(`  ${u.role.padEnd(12)} ${u.email} (${u.password})${where}`);
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      scale: { type: "string" },
      seed: { type: "string" },
      end: { type: "string" },
      days: { type: "string" },
      out: { type: "string" },
    },
  });
  const options: Partial<DemoCityOptions> = {
    scale: values.scale === undefined ? undefined : Number(values.scale),
    seed: values.seed,
    endDate: values.end,
    days: values.days === undefined ? undefined : Number(values.days),
    timeZone: process.env.CITY_TIME_ZONE,
  };

  if (values.out) {
    const started = performance.now();
    const { files, counts } = await writeDemoCity(values.out, options);
    const seconds = (performance.now() - started) / 1000;
    const rows = counts.requests + counts.workOrders;
    console.log(
      `wrote ${files.dir}: ${counts.requests} requests, ${counts.workOrders} work orders, ${counts.truth} truth rows ` +
        `in ${seconds.toFixed(1)} s (${Math.round(rows / seconds)} rows/s, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB)`,
    );
    return;
  }

  const handle = await getDbHandle();
  try {
    const existing = await requestCount(handle.db);
    if (existing > 0) {
      console.error(`${handle.where} already has ${existing} service requests; seed an empty database (or use --out DIR)`);
      process.exitCode = 1;
      return;
    }
    const result = await seedDemoCity(handle.db, options);
    console.log(summaryLine(result));
    console.log(await derive(handle.db, result));
  } finally {
    await closeDb();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
