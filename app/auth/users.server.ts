/**
 * User administration. Every change runs in one transaction with its audit entry, and every
 * change to what a person may reach (role, departments, disabling, password) ends their
 * sessions, so the old rights do not outlive the change.
 */
import { randomBytes } from "node:crypto";
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { departments, userDepartments, users } from "#db/schema";
import { recordAudit, type AuditActor } from "~/audit/log.server";
import { isRole, type Role } from "./permissions";
import { hashPassword, verifyPassword } from "./password.server";
import { endUserSessions, startSession } from "./session.server";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  departments: { id: number; name: string }[];
}

export class UserInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** 20 lowercase letters and digits, the id shape lucia's generateId makes, from Node's CSPRNG. */
export function newUserId(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = randomBytes(20);
  return Array.from(bytes, (b) => alphabet[b % 36]).join("");
}

export async function listUsers(db: Db | Tx, onlyId?: string): Promise<UserSummary[]> {
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabledAt: users.disabledAt,
      departmentId: departments.id,
      departmentName: departments.name,
    })
    .from(users)
    .leftJoin(userDepartments, eq(userDepartments.userId, users.id))
    .leftJoin(departments, eq(departments.id, userDepartments.departmentId))
    .where(onlyId === undefined ? undefined : eq(users.id, onlyId))
    .orderBy(asc(users.email), asc(departments.name));
  const byId = new Map<string, UserSummary>();
  for (const r of rows) {
    let u = byId.get(r.id);
    if (!u) {
      u = { id: r.id, email: r.email, name: r.name, role: isRole(r.role) ? r.role : "dept_head", disabled: !!r.disabledAt, departments: [] };
      byId.set(r.id, u);
    }
    if (r.departmentId !== null && r.departmentName !== null) u.departments.push({ id: r.departmentId, name: r.departmentName });
  }
  return [...byId.values()];
}

export async function getUserSummary(db: Db | Tx, id: string): Promise<UserSummary | null> {
  const [user] = await listUsers(db, id);
  return user ?? null;
}

/** What the audit log keeps of a user: never the password hash. */
function auditView(u: UserSummary) {
  return { email: u.email, name: u.name, role: u.role, disabled: u.disabled, departments: u.departments.map((d) => d.name) };
}

async function checkDepartments(tx: Tx, departmentIds: number[]) {
  if (!departmentIds.length) return;
  const found = await tx.select({ id: departments.id }).from(departments).where(inArray(departments.id, departmentIds));
  if (found.length !== new Set(departmentIds).size) throw new UserInputError("departmentIds", "Pick departments from the list.");
}

export async function createUser(
  db: Db,
  actor: AuditActor,
  input: { email: string; name: string; role: Role; departmentIds: number[]; password: string },
): Promise<UserSummary> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, email));
    if (taken) throw new UserInputError("email", "A user with this email already exists.");
    await checkDepartments(tx, input.departmentIds);
    const id = newUserId();
    await tx.insert(users).values({ id, email, name: input.name.trim(), role: input.role, passwordHash });
    const deptIds = input.role === "dept_head" ? [...new Set(input.departmentIds)] : [];
    if (deptIds.length) await tx.insert(userDepartments).values(deptIds.map((departmentId) => ({ userId: id, departmentId })));
    const created = (await getUserSummary(tx, id))!;
    await recordAudit(tx, { actor, action: "created", entityType: "user", entityId: id, before: null, after: auditView(created) });
    return created;
  });
}

/** Sets the role and departments; a change ends the user's sessions so the new limits apply at once. */
export async function updateUserAccess(
  db: Db,
  actor: AuditActor,
  id: string,
  input: { role: Role; departmentIds: number[] },
): Promise<UserSummary | null> {
  const changed = await db.transaction(async (tx) => {
    const before = await getUserSummary(tx, id);
    if (!before) return null;
    await checkDepartments(tx, input.departmentIds);
    const deptIds = input.role === "dept_head" ? [...new Set(input.departmentIds)].sort((a, b) => a - b) : [];
    const sameDepts = before.departments.map((d) => d.id).sort((a, b) => a - b).join() === deptIds.join();
    if (before.role === input.role && sameDepts) return { after: before, changed: false };
    await tx.update(users).set({ role: input.role, updatedAt: new Date() }).where(eq(users.id, id));
    await tx.delete(userDepartments).where(eq(userDepartments.userId, id));
    if (deptIds.length) await tx.insert(userDepartments).values(deptIds.map((departmentId) => ({ userId: id, departmentId })));
    const after = (await getUserSummary(tx, id))!;
    await recordAudit(tx, { actor, action: "access_changed", entityType: "user", entityId: id, before: auditView(before), after: auditView(after) });
    return { after, changed: true };
  });
  if (!changed) return null;
  if (changed.changed) await endUserSessions(db, id);
  return changed.after;
}

export async function setUserDisabled(db: Db, actor: AuditActor, id: string, disabled: boolean): Promise<UserSummary | null> {
  if (disabled && actor.userId === id) throw new UserInputError("disabled", "You cannot disable your own account.");
  const result = await db.transaction(async (tx) => {
    const before = await getUserSummary(tx, id);
    if (!before) return null;
    if (before.disabled === disabled) return before;
    await tx
      .update(users)
      .set({ disabledAt: disabled ? new Date() : null, updatedAt: new Date() })
      .where(eq(users.id, id));
    const after = (await getUserSummary(tx, id))!;
    await recordAudit(tx, {
      actor,
      action: disabled ? "disabled" : "enabled",
      entityType: "user",
      entityId: id,
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
  if (result && disabled) await endUserSessions(db, id);
  return result;
}

async function setPassword(db: Db, actor: AuditActor, id: string, password: string, action: string) {
  const passwordHash = await hashPassword(password);
  const done = await db.transaction(async (tx) => {
    const [row] = await tx.select({ id: users.id, passwordChangedAt: users.passwordChangedAt }).from(users).where(eq(users.id, id));
    if (!row) return false;
    const now = new Date();
    await tx.update(users).set({ passwordHash, passwordChangedAt: now, updatedAt: now }).where(eq(users.id, id));
    await recordAudit(tx, {
      actor,
      action,
      entityType: "user",
      entityId: id,
      before: { passwordChangedAt: row.passwordChangedAt },
      after: { passwordChangedAt: now },
    });
    return true;
  });
  if (done) await endUserSessions(db, id);
  return done;
}

/** An administrator sets a new password; the user is signed out everywhere. */
export function resetUserPassword(db: Db, actor: AuditActor, id: string, password: string) {
  return setPassword(db, actor, id, password, "password_reset");
}

/**
 * A user changes their own password after proving the current one. Every session ends, and a
 * fresh one is returned (as a Set-Cookie value) for the browser that made the change.
 */
export async function changeOwnPassword(
  db: Db,
  actor: AuditActor & { userId: string },
  input: { currentPassword: string; newPassword: string },
): Promise<{ ok: true; setCookie: string } | { ok: false; field: string; message: string }> {
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.userId));
  if (!row || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
    return { ok: false, field: "currentPassword", message: "The current password is not right." };
  }
  await setPassword(db, actor, actor.userId, input.newPassword, "password_changed");
  return { ok: true, setCookie: await startSession(db, actor.userId) };
}

export async function listDepartmentChoices(db: Db) {
  return db.select({ id: departments.id, name: departments.name }).from(departments).orderBy(asc(departments.name));
}
