import { sql } from "drizzle-orm";
import { queryRows } from "#db/client.server";
import { runBaselineImport } from "./baseline-import";
import { writeCityCsv, type CityFiles } from "./city";
import { importWithCli, type Kind, type OurRun } from "./importer-cli";
import { createBenchDb, withDb } from "./pg";
import { figure, fmt, note, notAvailable, section } from "./report";

const TARGET_RATIO = 2.0;
const TARGET_RSS_BYTES = 300 * 1024 * 1024;
const TARGET_REIMPORT_SPEEDUP = 3;

async function countRows(url: string) {
  return withDb(url, async ({ db }) => {
    const [row] = await queryRows<{ requests: number; work_orders: number }>(
      db,
      sql`select (select count(*)::int from service_requests) as requests, (select count(*)::int from work_orders) as work_orders`,
    );
    return row;
  });
}

/** importFile's own durations of the last `n` runs, oldest first (the CLI's wall time adds process start-up). */
async function lastRunDurations(url: string, n: number) {
  return withDb(url, async ({ db }) => {
    const rows = await queryRows<{ duration_ms: number }>(
      db,
      sql`select duration_ms from import_runs order by id desc limit ${n}`,
    );
    return rows.map((r) => Number(r.duration_ms)).reverse();
  });
}

export async function benchImport({ scale }: { scale: number }): Promise<{ failures: string[] }> {
  const failures: string[] = [];
  const timeZone = process.env.CITY_TIME_ZONE ?? "America/Chicago";
  section(`import · demo city at scale ${fmt.int(scale)} requests`);

  const city = await writeCityCsv(scale);
  try {
    note(
      `generated ${fmt.int(city.counts.requests)} requests and ${fmt.int(city.counts.workOrders)} work orders ` +
        `as CSV in ${fmt.ms(city.ms)} (${city.files.dir})`,
    );
    await runImportBench(city, timeZone, failures);
  } finally {
    city.remove();
  }
  return { failures };
}

async function runImportBench(city: CityFiles, timeZone: string, failures: string[]) {
  const baseDb = await createBenchDb("import_base");
  let baseline;
  let baseCounts;
  try {
    baseline = await runBaselineImport(baseDb.url, city.files, timeZone);
    baseCounts = await countRows(baseDb.url);
  } finally {
    await baseDb.drop();
  }
  const { requests, work_orders: workOrders } = baseCounts;
  note("(a) baseline: psql \\copy into text staging + typed INSERT … SELECT into our tables and indexes");
  figure("  \\copy requests", fmt.ms(baseline.copyRequestsMs));
  figure("  insert requests (+ departments, types)", fmt.ms(baseline.insertRequestsMs));
  figure("  \\copy work orders", fmt.ms(baseline.copyWorkOrdersMs));
  figure("  insert work orders (+ types)", fmt.ms(baseline.insertWorkOrdersMs));
  figure(`  requests: ${fmt.int(requests)} rows`, fmt.rate(requests, baseline.requestsMs));
  figure(`  work orders: ${fmt.int(workOrders)} rows`, fmt.rate(workOrders, baseline.workOrdersMs));

  const ourDb = await createBenchDb("import_ours");
  try {
    note("(b) our importer: npm run import -- KIND FILE as a child process; its wall time includes npm + tsx");
    note("    start-up and the aggregate refresh the CLI runs afterwards; import_runs.duration_ms is importFile alone");
    const first: OurRun[] = [];
    for (const [kind, file] of [["requests", city.files.requests], ["work-orders", city.files.workOrders]] as const) {
      first.push(await importWithCli(ourDb.url, kind, file));
    }
    const inProcess = await lastRunDurations(ourDb.url, first.length);
    const baseMs: Record<Kind, number> = { requests: baseline.requestsMs, "work-orders": baseline.workOrdersMs };
    for (const [i, run] of first.entries()) {
      const { read, inserted, updated, rejected } = run.summary;
      const wallRatio = run.result.ms / baseMs[run.kind];
      const ownRatio = inProcess[i] / baseMs[run.kind];
      figure(`  ${run.kind}: read ${fmt.int(read)}, inserted ${fmt.int(inserted)}, rejected ${fmt.int(rejected)}`, "");
      figure("    CLI wall time", `${fmt.ms(run.result.ms)} · ${fmt.rate(read, run.result.ms)}`, {
        ratio: fmt.ratio(wallRatio, "baseline"),
      });
      figure("    importFile (import_runs.duration_ms)", `${fmt.ms(inProcess[i])} · ${fmt.rate(read, inProcess[i])}`, {
        ratio: fmt.ratio(ownRatio, "baseline"),
        target: `≤ ${TARGET_RATIO.toFixed(1)}× baseline`,
        met: ownRatio <= TARGET_RATIO,
      });
      if (run.result.peakRssBytes === null) notAvailable(`peak RSS of the ${run.kind} import (/usr/bin/time missing)`);
      else
        figure("    peak RSS", fmt.mb(run.result.peakRssBytes), {
          target: "< 300 MB",
          met: run.result.peakRssBytes < TARGET_RSS_BYTES,
        });
      if (updated !== 0) failures.push(`first ${run.kind} import into an empty database updated ${updated} rows`);
      if (rejected > 0) {
        const sample = run.result.stdout.split("\n").filter((l) => /:\d+: /.test(l)).slice(0, 3);
        note(`    rejects in generated data, e.g. ${sample.join(" | ")}`);
      }
    }
    const ours = await countRows(ourDb.url);
    if (ours.requests !== requests || ours.work_orders !== workOrders) {
      failures.push(
        `row counts differ from the baseline: ours ${ours.requests} requests / ${ours.work_orders} WOs, baseline ${requests} / ${workOrders}`,
      );
    }

    note("(c) re-import of the same files (must insert 0 and update 0)");
    for (const [i, run] of first.entries()) {
      const again = await importWithCli(ourDb.url, run.kind, run.kind === "requests" ? city.files.requests : city.files.workOrders);
      const [againMs] = await lastRunDurations(ourDb.url, 1);
      const { inserted, updated, unchanged } = again.summary;
      const speedUp = inProcess[i] / againMs;
      figure(`  ${run.kind}: inserted ${inserted}, updated ${updated}, unchanged ${fmt.int(unchanged)}`, "");
      figure("    CLI wall time", fmt.ms(again.result.ms), { ratio: `${(run.result.ms / again.result.ms).toFixed(1)}× faster` });
      figure("    importFile (import_runs.duration_ms)", fmt.ms(againMs), {
        ratio: `${speedUp.toFixed(1)}× faster`,
        target: `≥ ${TARGET_REIMPORT_SPEEDUP}× faster than the first import`,
        met: speedUp >= TARGET_REIMPORT_SPEEDUP,
      });
      if (inserted !== 0 || updated !== 0) {
        failures.push(`re-import of ${run.kind} inserted ${inserted} and updated ${updated} rows (must be 0 and 0)`);
      }
    }
  } finally {
    await ourDb.drop();
  }
}
