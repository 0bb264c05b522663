/**
 * GET /api/scorecard through the built app, and `npm run scorecard`: the DESIGN §6 JSON,
 * 401 for anonymous callers, 400 with field messages, and a department head limited to
 * their own department.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { migrateDb, openDb, type Db } from "#db/client.server";
import { refreshAggregates } from "~/scorecards/refresh.server";
import { startTestApp, type TestApp } from "./auth-harness";

const run = promisify(execFile);
const local = (s: string) => sql`(${s}::timestamp at time zone 'America/Chicago')`;

/** One request and one completed work order per department, in March 2025. */
async function seedTwoDepartments(db: Db, own: number, other: number) {
  await db.execute(sql`insert into request_types (id, name, department_id) values (901, 'Pothole', ${own}), (902, 'Water Leak', ${other})`);
  await db.execute(sql`insert into work_order_types (id, name, department_id) values (901, 'Patch', ${own}), (902, 'Repair Main', ${other})`);
  await db.execute(sql`insert into sla_targets (level, work_order_type_id, kind, days, effective_from) values ('work_order', 901, 'estimated', 7, '2024-01-01')`);
  await db.execute(sql`insert into service_requests (sr_number, request_type_id, department_id, status, created_at, closed_at) values
    ('SR-A', 901, ${own}, 'Completed', ${local("2025-03-03 08:00")}, ${local("2025-03-05 08:00")}),
    ('SR-B', 902, ${other}, 'Completed', ${local("2025-03-04 08:00")}, ${local("2025-03-14 08:00")})`);
  await db.execute(sql`insert into work_orders (wo_number, sr_number, work_order_type_id, department_id, status, created_at, completed_at) values
    ('WO-A', 'SR-A', 901, ${own}, 'Completed', ${local("2025-03-03 08:00")}, ${local("2025-03-05 08:00")}),
    ('WO-B', 'SR-B', 902, ${other}, 'Completed', ${local("2025-03-04 08:00")}, ${local("2025-03-14 08:00")})`);
  await refreshAggregates(db);
}

describe("GET /api/scorecard", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await seedTwoDepartments(app.handle.db, app.departments.own, app.departments.other);
  });
  afterAll(async () => {
    await app?.close();
  });

  test("anonymous: 401 JSON", async () => {
    const res = await app.fetch("/api/scorecard?from=2025-03-01&to=2025-04-01");
    expect(res.status).toBe(401);
    expect(await res.json()).toHaveProperty("error");
  });

  test.each([
    ["?from=2025-03-01", { to: ["to is required (YYYY-MM-DD)"] }],
    ["?from=2025-02-30&to=2025-04-01", { from: ["from must be a calendar date YYYY-MM-DD"] }],
    ["?from=2025-04-01&to=2025-03-01", { to: ["to must be after from (the period is [from, to))"] }],
  ])("bad query %s: 400 with field messages", async (query, fields) => {
    const res = await app.fetch(`/api/scorecard${query}`, { role: "staff_311" });
    expect(res.status).toBe(400);
    expect((await res.json()).fields).toEqual(fields);
  });

  test("311 staff: every department, the §6 shape", async () => {
    const res = await app.fetch("/api/scorecard?from=2025-03-01&to=2025-04-01", { role: "staff_311" });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.period).toEqual({ from: "2025-03-01", to: "2025-04-01" });
    // WO-B spans the spring-forward night: 10 days on the calendar, 9 d 23 h elapsed.
    expect(body.citywide).toMatchObject({ requestsCreated: 2, woCompleted: 2 });
    expect(body.citywide.woMedianDays).toBeCloseTo((2 + (10 - 1 / 24)) / 2, 2);
    expect(body.departments.map((d: { name: string }) => d.name)).toEqual(["Streets and Sanitation", "Water Management"]);
    const streets = body.departments[0];
    expect(streets).toMatchObject({ requestsCreated: 1, requestMedianDaysToClose: 2, woSlaMetPct: 100, suspectedDuplicates: 0 });
    expect(streets.workOrderTypes).toEqual([expect.objectContaining({ type: "Patch", slaDays: 7, woCompleted: 1, woMedianDays: 2 })]);
    expect(body.departments[1].woSlaMetPct).toBeNull();
  });

  test("department head: only their own department, citywide totals included", async () => {
    const res = await app.fetch("/api/scorecard?from=2025-03-01&to=2025-04-01", { role: "dept_head" });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.departments.map((d: { name: string }) => d.name)).toEqual(["Streets and Sanitation"]);
    expect(body.citywide).toMatchObject({ requestsCreated: 1, woCompleted: 1 });
  });
});

describe("npm run scorecard", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "scorecard-cli-"));
    const handle = await openDb(dir);
    await migrateDb(handle);
    await handle.db.execute(sql`insert into departments (id, name) values (1, 'Streets and Sanitation'), (2, 'Water Management')`);
    await seedTwoDepartments(handle.db, 1, 2);
    await handle.close();
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const cli = (...args: string[]) =>
    run("npx", ["tsx", "scripts/scorecard.ts", ...args], { env: { ...process.env, DATABASE_URL: dir } });

  test("--json prints the §6 shape for every department by its source name", async () => {
    const { stdout } = await cli("--from", "2025-03-01", "--to", "2025-04-01", "--json");
    const body = JSON.parse(stdout);
    expect(Object.keys(body)).toEqual(["period", "citywide", "departments"]);
    expect(body.departments.map((d: { name: string }) => d.name)).toEqual(["Streets and Sanitation", "Water Management"]);
    expect(body.departments[1].workOrderTypes[0]).toMatchObject({ type: "Repair Main", slaDays: null });
    expect(body.departments[1].workOrderTypes[0].woMedianDays).toBeCloseTo(10 - 1 / 24, 2);
  });

  test("bad arguments: a clear message and exit 2", async () => {
    await expect(cli("--from", "2025-03-01", "--json")).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("to is required (YYYY-MM-DD)"),
    });
  });
});
