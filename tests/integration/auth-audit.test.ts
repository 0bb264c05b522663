/**
 * The audit log: an entry with who, when, before and after for each kind of user change,
 * committed with the change or not at all, append-only in the database, readable and
 * exportable by an administrator.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { desc, eq, sql } from "drizzle-orm";
import { auditLog } from "#db/schema";
import { actorFromViewer, recordAudit } from "~/audit/log.server";
import { csvCell } from "~/utils/csv";
import { DEMO_USERS } from "~/auth/demo-users.server";
import { changeOwnPassword, createUser, resetUserPassword, setUserDisabled, updateUserAccess } from "~/auth/users.server";
import { importFile } from "~/imports/run.server";
import { startTestApp, type TestApp } from "./auth-harness";

let app: TestApp;
let admin: { id: string; email: string };
beforeAll(async () => {
  app = await startTestApp();
  admin = { id: app.userIds.admin, email: DEMO_USERS[0].email };
});
afterAll(async () => {
  await app?.close();
});

async function lastEntry() {
  const [row] = await app.handle.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return row;
}

describe("an entry for each kind of change", () => {
  let userId: string;

  test("user created", async () => {
    const user = await createUser(app.handle.db, actorFromViewer(admin), {
      email: "new.head@compstat.example",
      name: "New Head",
      role: "dept_head",
      departmentIds: [app.departments.own],
      password: "initial-password-1",
    });
    userId = user.id;
    expect(await lastEntry()).toMatchObject({
      actorUserId: admin.id,
      actorLabel: admin.email,
      action: "created",
      entityType: "user",
      entityId: userId,
      before: null,
      after: { email: "new.head@compstat.example", role: "dept_head", departments: ["Streets and Sanitation"], disabled: false },
    });
  });

  test("role and departments changed, with before and after", async () => {
    await updateUserAccess(app.handle.db, actorFromViewer(admin), userId, {
      role: "dept_head",
      departmentIds: [app.departments.own, app.departments.other],
    });
    const entry = await lastEntry();
    expect(entry).toMatchObject({ action: "access_changed", entityId: userId });
    expect(entry.before).toMatchObject({ role: "dept_head", departments: ["Streets and Sanitation"] });
    expect(entry.after).toMatchObject({ role: "dept_head", departments: ["Streets and Sanitation", "Water Management"] });
    await updateUserAccess(app.handle.db, actorFromViewer(admin), userId, { role: "staff_311", departmentIds: [] });
    expect(await lastEntry()).toMatchObject({ action: "access_changed", after: { role: "staff_311", departments: [] } });
  });

  test("no entry when nothing changed", async () => {
    const before = (await lastEntry()).id;
    await updateUserAccess(app.handle.db, actorFromViewer(admin), userId, { role: "staff_311", departmentIds: [] });
    expect((await lastEntry()).id).toBe(before);
  });

  test("disabled and enabled", async () => {
    await setUserDisabled(app.handle.db, actorFromViewer(admin), userId, true);
    expect(await lastEntry()).toMatchObject({ action: "disabled", before: { disabled: false }, after: { disabled: true } });
    await setUserDisabled(app.handle.db, actorFromViewer(admin), userId, false);
    expect(await lastEntry()).toMatchObject({ action: "enabled", after: { disabled: false } });
  });

  test("password reset by an administrator and changed by its owner, never with a hash", async () => {
    await resetUserPassword(app.handle.db, actorFromViewer(admin), userId, "reset-password-22");
    const reset = await lastEntry();
    expect(reset).toMatchObject({ action: "password_reset", actorUserId: admin.id, entityId: userId });
    await changeOwnPassword(
      app.handle.db,
      { userId, label: "new.head@compstat.example" },
      { currentPassword: "reset-password-22", newPassword: "own-password-333" },
    );
    const changed = await lastEntry();
    expect(changed).toMatchObject({ action: "password_changed", actorUserId: userId, entityId: userId });
    const all = await app.handle.db.select().from(auditLog);
    expect(JSON.stringify(all)).not.toMatch(/\$argon2|reset-password-22|own-password-333/);
  });

  test("outcome mappings changed by an import", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "audit-map-"));
    const file = path.join(dir, "map.csv");
    writeFileSync(file, "DEPARTMENT,OUTCOME,CATEGORY\nStreets and Sanitation,Already Completed,already_addressed\n");
    const summary = await importFile(app.handle.db, { kind: "outcome-map", path: file, actorLabel: "cli: test" });
    expect(summary.inserted + summary.updated).toBe(1);
    const [entry] = await app.handle.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityType, "outcome_mapping"))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(entry.after).toMatchObject({ rawOutcome: "Already Completed", category: "already_addressed" });
  });
});

describe("append-only", () => {
  test.each([
    ["UPDATE", sql`update audit_log set action = 'tampered'`],
    ["DELETE", sql`delete from audit_log`],
    ["TRUNCATE", sql`truncate audit_log`],
  ])("the database refuses %s", async (_op, statement) => {
    const count = async () => (await app.handle.db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0].n;
    const before = await count();
    const error = await app.handle.db.execute(statement).then(
      () => null,
      (e: Error & { cause?: Error }) => e,
    );
    expect(String(error?.cause?.message ?? error?.message)).toMatch(/append-only/);
    expect(await count()).toBe(before);
  });

  test("an entry written in a transaction that fails is not kept, nor is the change", async () => {
    const before = (await lastEntry()).id;
    await expect(
      app.handle.db.transaction(async (tx) => {
        await recordAudit(tx, { actor: { label: "test" }, action: "approved", entityType: "sla_target", entityId: 1, after: { days: 3 } });
        throw new Error("the change itself failed");
      }),
    ).rejects.toThrow("the change itself failed");
    expect((await lastEntry()).id).toBe(before);
  });
});

describe("the admin page and export", () => {
  test("filters by entity, id and actor", async () => {
    const res = await app.fetch(`/admin/audit?entityType=user&actor=${encodeURIComponent("new.head")}`, { role: "admin" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("password_changed");
    expect(html).not.toContain("password_reset");
    expect(html).not.toContain("outcome_mapping ");
  });

  test("a bad filter gets a field-level message and 400", async () => {
    const res = await app.fetch("/admin/audit?from=yesterday", { role: "admin" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Use a date like 2026-01-31.");
  });

  test("the CSV export has every matching entry with before and after", async () => {
    const res = await app.fetch("/admin/audit.csv?entityType=user", { role: "admin" });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/text\/csv/);
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toBe("at,actor,actor_user_id,action,entity_type,entity_id,before,after");
    const userEntries = await app.handle.db.select().from(auditLog).where(eq(auditLog.entityType, "user"));
    expect(lines).toHaveLength(userEntries.length + 1);
    expect(lines.some((l) => l.includes("access_changed") && l.includes('""role"":""staff_311""'))).toBe(true);
  });

  test("a CSV cell cannot start a spreadsheet formula", () => {
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
  });
});

describe("user administration pages", () => {
  test("an administrator creates a user through the form; bad fields get their own messages", async () => {
    const bad = await app.fetch("/admin/users", {
      method: "POST",
      role: "admin",
      body: new URLSearchParams({ email: "x", name: "", password: "short", role: "dept_head" }),
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    for (const message of [
      "Enter an email address like name@city.gov.",
      "Enter the person",
      "Use at least 12 characters.",
      "A department head needs at least one department.",
    ]) {
      expect(html).toContain(message);
    }
    const form = new URLSearchParams({ email: "Form.User@compstat.example", name: "Form User", password: "form-password-12", role: "dept_head" });
    form.append("departmentIds", String(app.departments.other));
    const ok = await app.fetch("/admin/users", { method: "POST", role: "admin", body: form });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("Created form.user@compstat.example.");
    expect(await lastEntry()).toMatchObject({ action: "created", actorUserId: app.userIds.admin, after: { departments: ["Water Management"] } });
  });

  test("an administrator cannot disable their own account or drop their own admin role", async () => {
    const self = `/admin/users/${app.userIds.admin}`;
    const demote = await app.fetch(self, { method: "POST", role: "admin", body: new URLSearchParams({ intent: "access", role: "staff_311" }) });
    expect(demote.status).toBe(400);
    const disable = await app.fetch(self, { method: "POST", role: "admin", body: new URLSearchParams({ intent: "set-disabled", disabled: "true" }) });
    expect(disable.status).toBe(400);
  });

  test("an unknown user id is 404", async () => {
    expect((await app.fetch("/admin/users/nosuchuser000000", { role: "admin" })).status).toBe(404);
    expect((await app.fetch("/admin/users/..%2F..%2Fetc", { role: "admin" })).status).toBe(404);
  });
});
