/**
 * npm run user -- create --email E --role ROLE [--department NAME]… --password P [--name N]
 *
 * Creates a user from the command line: the first administrator of a new install, or anyone
 * else. Works on PGlite or PostgreSQL (DATABASE_URL), and records the creation in the audit log.
 */
import { parseArgs } from "node:util";
import { inArray } from "drizzle-orm";
import { closeDb, getDb } from "../db/client.server";
import { departments } from "../db/schema";
import { createUserSchema, parseFields } from "../app/auth/forms.server";
import { ROLES } from "../app/auth/permissions";
import { createUser, UserInputError } from "../app/auth/users.server";

const USAGE = `usage: npm run user -- create --email E --role ROLE [--department NAME]... --password P [--name NAME]
roles: ${ROLES.join(", ")}`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: "string" },
      role: { type: "string" },
      department: { type: "string", multiple: true },
      password: { type: "string" },
      name: { type: "string" },
    },
  });
  if (positionals[0] !== "create" || positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const db = await getDb();
  const names = values.department ?? [];
  const found = names.length
    ? await db.select().from(departments).where(inArray(departments.name, names))
    : [];
  const missing = names.filter((n) => !found.some((d) => d.name === n));
  if (missing.length) {
    console.error(`unknown department: ${missing.join(", ")}`);
    return 1;
  }
  const form = new URLSearchParams();
  for (const [key, value] of [
    ["email", values.email],
    ["role", values.role],
    ["password", values.password],
    ["name", values.name ?? values.email?.split("@")[0]],
  ] as const) {
    if (value !== undefined) form.append(key, value);
  }
  for (const d of found) form.append("departmentIds", String(d.id));
  const parsed = parseFields(createUserSchema, form);
  if (!parsed.ok) {
    for (const [field, message] of Object.entries(parsed.fieldErrors)) {
      console.error(`--${field === "departmentIds" ? "department" : field}: ${message}`);
    }
    console.error(USAGE);
    return 1;
  }
  try {
    const user = await createUser(db, { label: "cli:npm run user" }, parsed.data);
    const where = user.departments.length ? ` for ${user.departments.map((d) => d.name).join(", ")}` : "";
    console.log(`created ${user.email} (${user.role})${where}`);
    return 0;
  } catch (error) {
    if (error instanceof UserInputError) {
      console.error(`--${error.field}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} finally {
  await closeDb();
}
