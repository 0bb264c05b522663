import { count, eq, isNotNull, sql } from "drizzle-orm";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { queryRows, type DbHandle } from "#db/client.server";
import { importRuns, outcomeMappings, serviceRequests, slaTargets, workOrders } from "#db/schema/core";
import { generateDemoCity, plantedDuplicateTruth } from "~/demo/city";
import { slaTargetRows } from "~/demo/csv";
import { seedDemoCity, type SeedResult } from "~/demo/seed.server";
import { createTestDb, testDbKind } from "../setup/db";

const OPTIONS = { scale: 2_000, seed: "integration-city" };

describe(`demo city seeded through the importer (${testDbKind})`, () => {
  let handle: DbHandle;
  let result: SeedResult;
  let dir: string;

  beforeAll(async () => {
    handle = await createTestDb();
    dir = await mkdtemp(path.join(os.tmpdir(), "demo-seed-test-"));
    result = await seedDemoCity(handle.db, OPTIONS, { keepFilesIn: dir });
  });

  afterAll(async () => {
    await handle?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test("the database holds exactly what was generated", async () => {
    const generated = [...generateDemoCity(OPTIONS)];
    const wos = generated.flatMap((r) => r.workOrders);
    const [sr] = await handle.db.select({ n: count() }).from(serviceRequests);
    const [wo] = await handle.db.select({ n: count() }).from(workOrders);
    const [dup] = await handle.db.select({ n: count() }).from(serviceRequests).where(eq(serviceRequests.duplicate, true));
    const [open] = await handle.db.select({ n: count() }).from(workOrders).where(eq(workOrders.status, "Open"));
    expect(Number(sr.n)).toBe(generated.length);
    expect(Number(wo.n)).toBe(wos.length);
    expect(Number(dup.n)).toBe(generated.filter((r) => r.request.duplicate).length);
    expect(Number(open.n)).toBe(wos.filter((w) => w.status === "Open").length);
    expect(result.counts).toMatchObject({ requests: generated.length, workOrders: wos.length });
  });

  test("instants survive the CSV round trip (local time without offset)", async () => {
    const generated = [...generateDemoCity(OPTIONS)];
    const sample = generated.filter((_, i) => i % 97 === 0);
    const rows = await queryRows<{ sr_number: string; created: number; closed: number | null }>(
      handle.db,
      sql`select sr_number, extract(epoch from created_at)::float8 * 1000 as created,
                 extract(epoch from closed_at)::float8 * 1000 as closed
            from service_requests where sr_number = any(${`{${sample.map((r) => r.request.srNumber).join(",")}}`}::text[])`,
    );
    const byNumber = new Map(rows.map((r) => [r.sr_number, r]));
    for (const { request } of sample) {
      expect(Number(byNumber.get(request.srNumber)?.created)).toBe(request.createdMs);
      expect(byNumber.get(request.srNumber)?.closed ?? null).toBe(request.closedMs);
    }
  });

  test("three clean import runs, an outcome map and versioned SLA targets", async () => {
    const runs = await handle.db.select().from(importRuns);
    expect(runs.map((r) => [r.kind, r.status, r.rejected])).toEqual([
      ["requests", "succeeded", 0],
      ["work-orders", "succeeded", 0],
      ["outcome-map", "succeeded", 0],
    ]);
    const [mappings] = await handle.db.select({ n: count() }).from(outcomeMappings);
    expect(Number(mappings.n)).toBeGreaterThan(20);
    const targets = await handle.db.select().from(slaTargets);
    expect(targets.length).toBe(result.slaTargets);
    expect(targets.length).toBeGreaterThan(slaTargetRows().length * 0.8);
    expect(targets.some((t) => t.level === "request")).toBe(true);
    expect(targets.some((t) => t.effectiveTo !== null)).toBe(true);
    const [blank] = await handle.db
      .select({ n: count() })
      .from(workOrders)
      .where(sql`${workOrders.slaDays} is null`);
    const [given] = await handle.db.select({ n: count() }).from(workOrders).where(isNotNull(workOrders.slaDays));
    expect(Number(blank.n)).toBeGreaterThan(0);
    expect(Number(given.n)).toBeGreaterThan(0);
  });

  test("the truth file lists every planted duplicate and recurrence", async () => {
    const truth = plantedDuplicateTruth(OPTIONS);
    const lines = (await readFile(path.join(dir, "duplicates-truth.csv"), "utf8")).trim().split("\n");
    expect(lines.length - 1).toBe(truth.length);
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 3))).toEqual(
      truth.map((t) => [t.srNumber, t.relatedSrNumber, t.relation]),
    );
    const hidden = truth.filter((t) => t.relation === "hidden_duplicate");
    expect(hidden.length).toBeGreaterThan(0);
    const flagged = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from service_requests
           where sr_number = any(${`{${hidden.map((t) => t.srNumber).join(",")}}`}::text[]) and duplicate`,
    );
    expect(Number(flagged[0].n)).toBe(0);
  });
});
