import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { departments, users } from "#db/schema";
import { SYSTEM_ACTOR } from "~/audit/log.server";
import type { Role } from "./permissions";
import { createUser } from "./users.server";

/**
 * One demo account per role. The passwords are public (README): they exist only in the demo
 * city that `npm start` seeds into an embedded database, never on a server install.
 */
export const DEMO_USERS: readonly { email: string; name: string; role: Role; password: string }[] = [
  { email: "admin@compstat.example", name: "Avery Admin", role: "admin", password: "demo-admin-311" },
  { email: "analyst@compstat.example", name: "Sam Analyst", role: "staff_311", password: "demo-staff-311" },
  { email: "mayor@compstat.example", name: "Morgan Mayor's Office", role: "mayor_office", password: "demo-mayor-311" },
  { email: "streets@compstat.example", name: "Dana Department Head", role: "dept_head", password: "demo-dept-311" },
];

/** The department the demo department head runs: Streets and Sanitation when the city has it. */
export const DEMO_DEPARTMENT = "Streets and Sanitation";

export type DemoCredential = { email: string; password: string; role: Role; departments: string[] };

/** Creates the demo users that do not exist yet (idempotent) and returns every demo credential. */
export async function seedDemoUsers(db: Db): Promise<DemoCredential[]> {
  const [preferred] = await db.select().from(departments).where(eq(departments.name, DEMO_DEPARTMENT));
  const [first] = preferred ? [preferred] : await db.select().from(departments).orderBy(asc(departments.name)).limit(1);
  const out: DemoCredential[] = [];
  for (const demo of DEMO_USERS) {
    const [existing] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, demo.email));
    const departmentIds = demo.role === "dept_head" && first ? [first.id] : [];
    if (!existing) await createUser(db, SYSTEM_ACTOR, { ...demo, departmentIds });
    out.push({
      email: demo.email,
      password: demo.password,
      role: demo.role,
      departments: demo.role === "dept_head" && first ? [first.name] : [],
    });
  }
  return out;
}
