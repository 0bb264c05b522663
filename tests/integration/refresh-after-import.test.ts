/**
 * A nightly delta, end to end through the importer: the rows each import writes are left
 * pending for the aggregates, the detector re-judges only the requests whose verdict can have
 * changed, and the incremental refresh that follows equals a full rebuild.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { queryRows, type DbHandle } from "#db/client.server";
import { refreshAfterImport } from "~/imports/derived.server";
import { importFile, type ImportKind } from "~/imports/run.server";
import { refreshAggregates } from "~/scorecards/refresh.server";
import { dumpAggregates } from "../setup/aggregates";
import { createTestDb } from "../setup/db";

const SR_HEADER = "SR_NUMBER,SR_TYPE,SR_SHORT_CODE,OWNER_DEPARTMENT,STATUS,CREATED_DATE,LAST_MODIFIED_DATE,CLOSED_DATE,STREET_ADDRESS,DUPLICATE,LATITUDE,LONGITUDE";
const WO_HEADER = "SR_NUMBER,WORK_ORDER_NUMBER,WORK_ORDER_TYPE,DEPARTMENT,SEQUENCE,CREATED_DATE,COMPLETED_DATE,STATUS,OUTCOME,SLA_DAYS,SLA_KIND";
const CDOT = "CDOT - Department of Transportation";
const pothole = (sr: string, status: string, created: string, closed: string, address: string, type = "Pothole in Street Complaint") =>
  `${sr},${type},PHF,${CDOT},${status},${created},${created},${closed},${address},false,41.88,-87.63`;
const repair = (sr: string, wo: string, status: string, created: string, completed: string, outcome: string) =>
  `${sr},${wo},Pothole Repair,${CDOT},1,${created},${completed},${status},${outcome},7,estimated`;

const FILLER = Array.from({ length: 20 }, (_, i) => `R-${30 + i}`);

let handle: DbHandle;
let dir: string;
beforeAll(async () => {
  handle = await createTestDb();
  dir = mkdtempSync(path.join(tmpdir(), "compstat-delta-"));
});
afterAll(async () => {
  await handle?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function load(kind: ImportKind, name: string, lines: string[]) {
  const file = path.join(dir, name);
  writeFileSync(file, lines.join("\n") + "\n");
  const summary = await importFile(handle.db, { kind, path: file, displayName: name });
  expect(summary.status, name).toBe("succeeded");
  expect(summary.rejected, name).toBe(0);
  return summary;
}

const pending = () =>
  queryRows<{ n: number }>(handle.db, sql`select ((select count(*) from agg_pending_wo) + (select count(*) from agg_pending_sr))::int as n`);

test("a nightly delta is refreshed incrementally, detector included, and equals a full rebuild", async () => {
  const db = handle.db;
  const base = await load("requests", "base-requests.csv", [
    SR_HEADER,
    pothole("R-1", "Open", "11/03/2025 09:00:00 AM", "", "100 N STATE ST"),
    pothole("R-2", "Completed", "11/10/2025 09:00:00 AM", "11/12/2025 03:00:00 PM", "300 W LAKE ST"),
    pothole("R-3", "Open", "11/20/2025 09:00:00 AM", "", "5 W MADISON ST"),
    pothole("R-4", "Open", "11/28/2025 09:00:00 AM", "", "200 S CLARK ST"),
    // The rest of the city, so that one night's delta is small beside it (not a full rebuild).
    ...FILLER.map((sr, i) => pothole(sr, "Completed", "09/01/2025 09:00:00 AM", `09/${String(2 + i).padStart(2, "0")}/2025 09:00:00 AM`, `${i + 1} W ELM ST`)),
  ]);
  expect(base.duplicateWindow).toEqual({ from: "2025-09-01", to: null });
  await refreshAfterImport(db);
  const baseWos = await load("work-orders", "base-wos.csv", [
    WO_HEADER,
    repair("R-1", "W-1", "Open", "11/03/2025 10:00:00 AM", "", ""),
    repair("R-2", "W-2", "Completed", "11/10/2025 10:00:00 AM", "11/12/2025 02:00:00 PM", "Repaired"),
    repair("R-3", "W-3", "Open", "11/20/2025 10:00:00 AM", "", ""),
    repair("R-4", "W-4", "Open", "11/28/2025 10:00:00 AM", "", ""),
    ...FILLER.map((sr, i) => repair(sr, `W-${sr}`, "Completed", "09/01/2025 10:00:00 AM", `09/${String(2 + i).padStart(2, "0")}/2025 08:00:00 AM`, "Filled")),
  ]);
  expect(baseWos.duplicateWindow).toBeNull();
  await refreshAfterImport(db);
  expect(await pending()).toEqual([{ n: 0 }]);

  // The night's export: R-1 (a month old) closes, R-5 repeats R-4's open pothole.
  const closes = await load("requests", "delta-requests.csv", [
    SR_HEADER,
    pothole("R-1", "Completed", "11/03/2025 09:00:00 AM", "12/02/2025 10:00:00 AM", "100 N STATE ST"),
    pothole("R-5", "Open", "12/02/2025 08:00:00 AM", "", "200 S CLARK ST"),
  ]);
  expect(closes).toMatchObject({ inserted: 1, updated: 1, touched: { from: "2025-11-03", to: "2025-12-02" } });
  // Closing R-1 can change only the verdicts of requests created after it closed, not since November.
  expect(closes.duplicateWindow).toEqual({ from: "2025-12-02", to: null });
  // A correction re-types R-3: every request created since R-3 may be judged differently.
  const retyped = await load("requests", "correction.csv", [
    SR_HEADER,
    pothole("R-3", "Open", "11/20/2025 09:00:00 AM", "", "5 W MADISON ST", "Street Cut Complaints"),
  ]);
  expect(retyped.duplicateWindow).toEqual({ from: "2025-11-20", to: null });
  await load("work-orders", "delta-wos.csv", [
    WO_HEADER,
    repair("R-1", "W-1", "Completed", "11/03/2025 10:00:00 AM", "12/02/2025 09:00:00 AM", "Repaired"),
    repair("R-5", "W-5", "Open", "12/02/2025 08:30:00 AM", "", ""),
  ]);
  // One refresh after the night's three files (as `npm run import` does): the detector covers
  // the union of what they left pending, from R-3's creation on.
  const pendingWindows = await queryRows<{ from: string; to: string | null }>(
    db,
    sql`select from_day::text as "from", to_day::text as "to" from suspected_duplicates_pending order by id`,
  );
  expect(pendingWindows).toEqual([{ from: "2025-12-02", to: null }, { from: "2025-11-20", to: null }]);
  const { duplicates, aggregates: result } = await refreshAfterImport(db);
  expect(duplicates?.period.from).toBe("2025-11-20");
  expect(await queryRows(db, sql`select * from suspected_duplicates_pending`)).toEqual([]);

  expect(result).toMatchObject({ mode: "incremental" });
  // W-1 and W-5, and the work orders of the requests whose facts changed (R-3's W-3, R-1's W-1, R-5's W-5).
  expect(result.workOrders).toBeLessThanOrEqual(3);
  expect(await pending()).toEqual([{ n: 0 }]);
  const [suspect] = await queryRows<{ sr: string; of: string }>(db, sql`select sr_number as sr, duplicate_of as of from suspected_duplicates where sr_number = 'R-5'`);
  expect(suspect).toEqual({ sr: "R-5", of: "R-4" });
  const [fact] = await queryRows<{ suspected: boolean }>(db, sql`select suspected_duplicate as suspected from agg_sr_facts where sr_number = 'R-5'`);
  expect(fact.suspected).toBe(true);

  const incremental = await dumpAggregates(db);
  await refreshAggregates(db, "all");
  expect(await dumpAggregates(db)).toEqual(incremental);
});

test("keys left by a refresh that never ran are picked up by the next one", async () => {
  const db = handle.db;
  const before = await refreshAggregates(db, "pending");
  expect(before).toMatchObject({ mode: "incremental", workOrders: 0, serviceRequests: 0 });
  // An import whose refresh failed: its rows are committed and their keys still pending.
  await load("work-orders", "late.csv", [WO_HEADER, repair("R-4", "W-4", "Completed", "11/28/2025 10:00:00 AM", "12/03/2025 09:00:00 AM", "Repaired")]);
  expect(await pending()).toEqual([{ n: 1 }]);
  const after = await refreshAggregates(db, "pending");
  expect(after).toMatchObject({ mode: "incremental", workOrders: 1, serviceRequests: 1, version: before.version + 1 });
  const [fact] = await queryRows<{ close: string }>(db, sql`select close_day::text as close from agg_wo_facts where wo_number = 'W-4'`);
  expect(fact.close).toBe("2025-12-03");
});

test("a changed outcome mapping re-classifies only the work orders it matches, and equals a full rebuild", async () => {
  const db = handle.db;
  // Enough other work that three re-classified work orders are a small delta, not a rebuild.
  const others = Array.from({ length: 12 }, (_, i) => `R-${10 + i}`);
  await load("requests", "others.csv", [
    SR_HEADER,
    ...others.map((sr, i) => pothole(sr, "Completed", "10/01/2025 09:00:00 AM", `10/${String(2 + i).padStart(2, "0")}/2025 09:00:00 AM`, `${i + 1} E ELM ST`)),
  ]);
  await load("work-orders", "others-wos.csv", [
    WO_HEADER,
    ...others.map((sr, i) => repair(sr, `W-${10 + i}`, "Completed", "10/01/2025 10:00:00 AM", `10/${String(2 + i).padStart(2, "0")}/2025 08:00:00 AM`, "Filled")),
  ]);
  await refreshAfterImport(db);
  const map = await load("outcome-map", "map.csv", ["DEPARTMENT,OUTCOME,CATEGORY", `${CDOT},Repaired,no_cause`]);
  expect(map.inserted + map.updated).toBe(1);
  const { aggregates: result } = await refreshAfterImport(db);
  // W-1, W-2 and W-4 closed as "Repaired"; nothing else is redone.
  expect(result).toMatchObject({ mode: "incremental", workOrders: 3 });
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from agg_wo_facts where category = 'no_cause'`);
  expect(row.n).toBe(3);
  const incremental = await dumpAggregates(db);
  await refreshAggregates(db, "all");
  expect(await dumpAggregates(db)).toEqual(incremental);
});
