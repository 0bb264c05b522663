import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { count, inArray } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { requestTypes, serviceRequests, slaTargets, workOrders, workOrderTypes } from "#db/schema/core";
import { importFile, type ImportKind, type ImportSummary } from "~/imports/run.server";
import { resolveOptions, type DemoCityOptions } from "./city";
import { slaTargetRows } from "./csv";
import { writeDemoCity, type DemoCounts, type DemoFiles } from "./write.server";

export interface SeedResult {
  options: DemoCityOptions;
  counts: DemoCounts;
  imports: ImportSummary[];
  slaTargets: number;
  seconds: number;
}

export const DEMO_ACTOR = "demo city seed";

/**
 * Seeds the demo city the way a city's own data arrive: the generator writes the CSV files,
 * and the importer reads them (runs, rejects, outcome map and all). SLA targets have no
 * import format, so they are inserted here, tied by name to the types the import created.
 * Throws if any file is refused or any row rejected: the demo must import cleanly.
 */
export async function seedDemoCity(
  db: Db,
  input: Partial<DemoCityOptions> = {},
  opts: { keepFilesIn?: string; timeZone?: string } = {},
): Promise<SeedResult> {
  const started = performance.now();
  const options = resolveOptions(input);
  const dir = opts.keepFilesIn ?? (await mkdtemp(path.join(os.tmpdir(), "compstat-demo-")));
  try {
    const { files, counts } = await writeDemoCity(dir, options);
    const imports = await importDemoFiles(db, files, opts.timeZone ?? options.timeZone);
    await expectRowsLanded(db, counts);
    const inserted = await insertSlaTargets(db);
    return { options, counts, imports, slaTargets: inserted, seconds: (performance.now() - started) / 1000 };
  } finally {
    if (!opts.keepFilesIn) await rm(dir, { recursive: true, force: true });
  }
}

async function importDemoFiles(db: Db, files: DemoFiles, timeZone: string): Promise<ImportSummary[]> {
  // Requests first (they create the departments and request types), then the work orders
  // that reference them, then the outcome map for the departments that now exist.
  const order: [ImportKind, string][] = [
    ["requests", files.requests],
    ["work-orders", files.workOrders],
    ["outcome-map", files.outcomeMap],
  ];
  const summaries: ImportSummary[] = [];
  for (const [kind, file] of order) {
    const summary = await importFile(db, {
      kind,
      path: file,
      displayName: path.basename(file),
      timeZone,
      actorLabel: DEMO_ACTOR,
    });
    if (summary.status !== "succeeded" || summary.rejected > 0) {
      const first = summary.rejects[0];
      throw new Error(
        `demo city ${kind} import ${summary.status}: ${summary.error ?? `${summary.rejected} rejected`}` +
          (first ? ` (first: ${summary.file}:${first.line}: ${first.reason})` : ""),
      );
    }
    summaries.push(summary);
  }
  return summaries;
}

/** The importer said "succeeded"; the tables must also hold every generated row. */
async function expectRowsLanded(db: Db, counts: DemoCounts) {
  const [requests] = await db.select({ n: count() }).from(serviceRequests);
  const [wos] = await db.select({ n: count() }).from(workOrders);
  if (Number(requests.n) < counts.requests || Number(wos.n) < counts.workOrders) {
    throw new Error(
      `demo city import incomplete: generated ${counts.requests} requests and ${counts.workOrders} work orders, ` +
        `the database holds ${requests.n} and ${wos.n}`,
    );
  }
}

/** Inserts the catalog's versioned SLA targets; returns how many rows. */
export async function insertSlaTargets(db: Db): Promise<number> {
  const rows = slaTargetRows();
  const woNames = [...new Set(rows.flatMap((r) => (r.workOrderType ? [r.workOrderType] : [])))];
  const rtNames = [...new Set(rows.flatMap((r) => (r.requestType ? [r.requestType] : [])))];
  const woIds = new Map(
    (await db.select({ id: workOrderTypes.id, name: workOrderTypes.name }).from(workOrderTypes).where(inArray(workOrderTypes.name, woNames))).map(
      (r) => [r.name, r.id],
    ),
  );
  const rtIds = new Map(
    (await db.select({ id: requestTypes.id, name: requestTypes.name }).from(requestTypes).where(inArray(requestTypes.name, rtNames))).map(
      (r) => [r.name, r.id],
    ),
  );
  // A type with no rows in a small city was never imported; its target has nothing to attach to.
  const values = rows.flatMap((r) => {
    const workOrderTypeId = r.workOrderType ? woIds.get(r.workOrderType) : undefined;
    const requestTypeId = r.requestType ? rtIds.get(r.requestType) : undefined;
    if (workOrderTypeId === undefined && requestTypeId === undefined) return [];
    return [
      {
        level: r.level,
        workOrderTypeId: workOrderTypeId ?? null,
        requestTypeId: requestTypeId ?? null,
        kind: r.kind,
        days: r.days,
        effectiveFrom: r.effectiveFrom,
        effectiveTo: r.effectiveTo,
        note: r.note,
      },
    ];
  });
  if (values.length) await db.insert(slaTargets).values(values);
  return values.length;
}
