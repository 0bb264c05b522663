import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { SQL } from "drizzle-orm";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbKind = "pglite" | "postgres";

export interface DbHandle {
  db: Db;
  kind: DbKind;
  /** A description safe to print: the data directory or the server without its password. */
  where: string;
  close(): Promise<void>;
}

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../drizzle");

export function defaultPgliteDir() {
  return path.resolve(process.cwd(), ".data/pglite");
}

/**
 * Opens a database: `postgres://…` uses the postgres driver, anything else (or nothing)
 * an embedded PGlite — a directory path, or `memory://` for a throwaway one.
 */
export async function openDb(url: string | undefined = process.env.DATABASE_URL): Promise<DbHandle> {
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(url, {
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      onnotice: () => {},
      types: { bigint: postgres.BigInt },
    });
    const db = drizzle(client, { schema }) as unknown as Db;
    const safe = new URL(url);
    safe.password = "";
    return { db, kind: "postgres", where: safe.toString(), close: () => client.end({ timeout: 5 }) };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const dir = url && url !== "" ? url.replace(/^file:\/\//, "") : defaultPgliteDir();
  if (dir !== "memory://") mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir === "memory://" ? undefined : dir);
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Db;
  return { db, kind: "pglite", where: dir, close: () => client.close() };
}

export async function migrateDb(handle: DbHandle) {
  if (handle.kind === "postgres") {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(handle.db as never, { migrationsFolder });
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder });
  }
}

type GlobalWithDb = typeof globalThis & { __compstatDb?: Promise<DbHandle> };

/**
 * The process-wide database. PGlite corrupts a data directory that two instances open,
 * so every copy of this module (the server bundle and the scripts) shares one handle
 * through globalThis.
 */
export function getDbHandle(): Promise<DbHandle> {
  const g = globalThis as GlobalWithDb;
  g.__compstatDb ??= openDb().then(async (h) => {
    await migrateDb(h);
    return h;
  });
  return g.__compstatDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

export async function closeDb() {
  const g = globalThis as GlobalWithDb;
  const pending = g.__compstatDb;
  g.__compstatDb = undefined;
  if (pending) await (await pending).close();
}

/** Raw results differ by driver (PGlite `{ rows }`, postgres.js an array); this evens them out. */
export async function queryRows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  const list = Array.isArray(result) ? result : ((result as { rows: unknown[] }).rows ?? []);
  return list.map((row) => normalizeRow(row as Record<string, unknown>)) as T[];
}

function normalizeRow(row: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = typeof v === "bigint" ? Number(v) : v;
  return out;
}
