import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { migrateDb, openDb, type DbHandle } from "#db/client.server";

/** The server the benches create their throwaway databases on. */
export const benchServerUrl = process.env.BENCH_SERVER_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface BenchDb {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database `compstat_bench_<label>_<random>`, migrated to our schema unless told otherwise. */
export async function createBenchDb(label: string, options: { migrate?: boolean } = {}): Promise<BenchDb> {
  if (!/^[a-z0-9_]+$/.test(label)) throw new Error(`bench database label must be [a-z0-9_]: ${label}`);
  const name = `compstat_bench_${label}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(benchServerUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(benchServerUrl);
  url.pathname = `/${name}`;
  const db: BenchDb = {
    name,
    url: url.toString(),
    async drop() {
      const dropper = postgres(benchServerUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
  if (options.migrate !== false) {
    try {
      await withDb(db.url, migrateDb);
    } catch (error) {
      await db.drop();
      throw error;
    }
  }
  return db;
}

export async function withDb<T>(url: string, fn: (handle: DbHandle) => Promise<T>): Promise<T> {
  const handle = await openDb(url);
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

/** Runs psql non-interactively (optionally feeding it a script on stdin); fails with psql's own message on the first error. */
export function psql(url: string, args: string[], stdin?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("psql", [url, "-X", "-q", "-v", "ON_ERROR_STOP=1", ...args], { stdio: "pipe" });
    child.stdin.end(stdin ?? "");
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`psql failed (${code}): ${err.trim()}`))));
  });
}
