/**
 * The data-quality page (DESIGN §5.7) on a small imported city: the "needs mapping" list and
 * cancel usage per department, each limited to what the viewer may see; mapping a raw outcome
 * as an administrator writes the mapping and its audit entry and re-classifies the aggregates.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { queryRows } from "#db/client.server";
import { ALL_DEPARTMENTS, departmentsScope } from "~/auth/scope";
import { groupUnmappedOutcomes } from "~/data-quality/needs-mapping";
import { getCancelUsageByDepartment, listOutcomeMappings } from "~/data-quality/queries.server";
import { ensureDefaultOutcomeMappings } from "~/imports/outcome-mappings.server";
import { importFile } from "~/imports/run.server";
import { refreshAggregates } from "~/scorecards/refresh.server";
import { listNeedsMapping } from "~/scorecards/queries.server";
import { startTestApp, type TestApp } from "./auth-harness";

const STREETS = "Streets and Sanitation";
const WATER = "Water Management";
const NOVEMBER = { from: "2025-11-01", to: "2025-12-01" };

let app: TestApp;
let dir: string;
beforeAll(async () => {
  app = await startTestApp();
  dir = mkdtempSync(path.join(tmpdir(), "compstat-dq-"));
  const db = app.handle.db;
  await ensureDefaultOutcomeMappings(db);
  const requests = ["SR_NUMBER,SR_TYPE,OWNER_DEPARTMENT,STATUS,CREATED_DATE,CLOSED_DATE"];
  const workOrders = ["SR_NUMBER,WORK_ORDER_NUMBER,WORK_ORDER_TYPE,DEPARTMENT,SEQUENCE,CREATED_DATE,COMPLETED_DATE,STATUS,OUTCOME"];
  const wo = (n: number, department: string, status: string, outcome: string, month = "11") => {
    const [created, closed] = [`${month}/02/2025 09:00:00 AM`, `${month}/10/2025 09:00:00 AM`];
    requests.push(`S-${n},Pothole in Street Complaint,${department},Completed,${created},${closed}`);
    workOrders.push(`S-${n},W-${n},Pothole Repair,${department},1,${created},${closed},${status},${outcome}`);
  };
  // Streets: 5 closed in November — 2 completed, 3 canceled (2 with an outcome that hides the cancel).
  wo(1, STREETS, "Completed", "Work Completed");
  wo(2, STREETS, "Completed", "Pothole Gone");
  wo(3, STREETS, "Canceled", "Already Completed");
  wo(4, STREETS, "Canceled", "duplicate ");
  wo(5, STREETS, "Canceled", "");
  // Closed in October: outside the period.
  wo(6, STREETS, "Canceled", "No Cause", "10");
  // Water: 2 completed, none canceled; one outcome nobody mapped.
  wo(7, WATER, "Completed", "Fixed");
  wo(8, WATER, "Completed", "Valve Exercised");
  wo(9, WATER, "Completed", "valve exercised");
  for (const [kind, lines] of [["requests", requests], ["work-orders", workOrders]] as const) {
    const file = path.join(dir, `${kind}.csv`);
    writeFileSync(file, lines.join("\n"));
    const summary = await importFile(db, { kind, path: file, displayName: `${kind}.csv` });
    expect(summary).toMatchObject({ status: "succeeded", rejected: 0 });
  }
  await refreshAggregates(db);
});
afterAll(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("cancel usage per department", () => {
  test("closed, canceled and canceled with a hiding outcome, most cancel-prone first", async () => {
    const rows = await getCancelUsageByDepartment(app.handle.db, { scope: ALL_DEPARTMENTS, period: NOVEMBER });
    expect(rows.map(({ departmentId: _id, ...r }) => r)).toEqual([
      { department: STREETS, closed: 5, canceled: 3, canceledHiding: 2, canceledPct: 60, canceledHidingPct: 40 },
      { department: WATER, closed: 3, canceled: 0, canceledHiding: 0, canceledPct: 0, canceledHidingPct: 0 },
    ]);
  });

  test("a department head's scope keeps only their departments; a period with nothing closed is empty", async () => {
    const own = departmentsScope([app.departments.own]);
    const rows = await getCancelUsageByDepartment(app.handle.db, { scope: own, period: NOVEMBER });
    expect(rows.map((r) => r.department)).toEqual([STREETS]);
    expect(await getCancelUsageByDepartment(app.handle.db, { scope: departmentsScope([]), period: NOVEMBER })).toEqual([]);
    expect(await getCancelUsageByDepartment(app.handle.db, { scope: ALL_DEPARTMENTS, period: { from: "2024-01-01", to: "2024-02-01" } })).toEqual([]);
  });
});

describe("the page, by role", () => {
  test("a department head sees only their own department's outcomes and cancels", async () => {
    const res = await app.fetch("/data-quality?period=month&month=2025-11", { role: "dept_head" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Pothole Gone");
    expect(html).not.toContain("Valve Exercised");
    expect(html).not.toContain(WATER);
    expect(html).toContain("60.0%");
    expect(html).not.toContain('action="/data-quality/mappings"');
  });

  test("the Mayor's Office reads the whole city, without the mapping form", async () => {
    const html = await (await app.fetch("/data-quality?period=month&month=2025-11", { role: "mayor_office" })).text();
    expect(html).toContain("Valve Exercised");
    expect(html).toContain("Pothole Gone");
    expect(html).not.toContain('action="/data-quality/mappings"');
  });

  test("an administrator gets one mapping form per outcome to map, its spellings merged", async () => {
    const html = await (await app.fetch("/data-quality", { role: "admin" })).text();
    expect(html.match(/action="\/data-quality\/mappings"/g)).toHaveLength(2);
    expect(html).toMatch(/also written (<!-- -->)?“valve exercised”/);
  });
});

describe("mapping a raw outcome", () => {
  const post = (role: "admin" | "staff_311", fields: Record<string, string>) =>
    app.fetch("/data-quality/mappings", { method: "POST", role, body: new URLSearchParams(fields) });

  test("an administrator's mapping is written, audited, and leaves the needs-mapping list at once", async () => {
    const before = groupUnmappedOutcomes(await listNeedsMapping(app.handle.db, { scope: ALL_DEPARTMENTS }));
    expect(before.map((r) => [r.department, r.rawOutcome, r.count, r.spellings])).toEqual([
      [WATER, "Valve Exercised", 2, ["Valve Exercised", "valve exercised"]],
      [STREETS, "Pothole Gone", 1, ["Pothole Gone"]],
    ]);
    const res = await post("admin", { departmentId: String(app.departments.other), rawOutcome: "  Valve Exercised ", category: "work_done" });
    expect(res.status).toBe(200);
    const [mapping] = await queryRows<{ id: number; department_id: number; raw_outcome: string; outcome_key: string; category: string }>(
      app.handle.db,
      sql`select id, department_id, raw_outcome, outcome_key, category from outcome_mappings where outcome_key = 'valve exercised'`,
    );
    expect(mapping).toMatchObject({ department_id: app.departments.other, raw_outcome: "Valve Exercised", category: "work_done" });
    const audit = await queryRows<{ actor_user_id: string; action: string; before: unknown; after: unknown }>(
      app.handle.db,
      sql`select actor_user_id, action, before, after from audit_log where entity_type = 'outcome_mapping' and entity_id = ${String(mapping.id)}`,
    );
    expect(audit).toEqual([
      {
        actor_user_id: app.userIds.admin,
        action: "created",
        before: null,
        after: { departmentId: app.departments.other, rawOutcome: "Valve Exercised", category: "work_done" },
      },
    ]);
    const after = await listNeedsMapping(app.handle.db, { scope: ALL_DEPARTMENTS });
    expect(after.map((r) => r.rawOutcome), "both spellings are covered by the one mapping").toEqual(["Pothole Gone"]);
  });

  test("the same mapping again changes nothing; a new category is an audited update", async () => {
    const fields = { departmentId: String(app.departments.other), rawOutcome: "valve exercised", category: "work_done" };
    expect((await post("admin", fields)).status).toBe(200);
    expect((await post("admin", { ...fields, category: "other" })).status).toBe(200);
    const audit = await queryRows<{ action: string; before: { category: string }; after: { category: string } }>(
      app.handle.db,
      sql`select action, before, after from audit_log where entity_type = 'outcome_mapping' and actor_user_id = ${app.userIds.admin} order by id`,
    );
    expect(audit.map((a) => [a.action, a.before?.category ?? null, a.after.category])).toEqual([
      ["created", null, "work_done"],
      ["updated", "work_done", "other"],
    ]);
  });

  test("a city-wide mapping (no department) covers every department", async () => {
    expect((await post("admin", { departmentId: "", rawOutcome: "Pothole Gone", category: "work_done" })).status).toBe(200);
    const mappings = await listOutcomeMappings(app.handle.db, { scope: ALL_DEPARTMENTS });
    expect(mappings.find((m) => m.rawOutcome === "Pothole Gone")).toMatchObject({ departmentId: null, department: null, category: "work_done" });
    expect(await listNeedsMapping(app.handle.db, { scope: ALL_DEPARTMENTS })).toEqual([]);
  });

  test.each([
    [{ rawOutcome: "X", category: "fixed-ish" }, "category", "Pick one of the categories"],
    [{ rawOutcome: "   ", category: "other" }, "rawOutcome", "Name the raw outcome to map."],
    [{ rawOutcome: "X", category: "other", departmentId: "streets" }, "departmentId", "Pick a department from the list"],
  ])("bad input %j answers 400 naming the field %s", async (fields, _field, message) => {
    const res = await post("admin", fields);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(message);
  });

  test("an unknown department is 404; a role that does not manage mappings is 403 and writes nothing", async () => {
    expect((await post("admin", { departmentId: "987654", rawOutcome: "X", category: "other" })).status).toBe(404);
    expect((await post("staff_311", { departmentId: "", rawOutcome: "Staff Guess", category: "other" })).status).toBe(403);
    const [{ n }] = await queryRows<{ n: number }>(app.handle.db, sql`select count(*)::int as n from outcome_mappings where outcome_key in ('x', 'staff guess')`);
    expect(n).toBe(0);
  });
});
