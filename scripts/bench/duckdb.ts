import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { psql } from "./pg";

/** The raw tables the naive queries read, exported column by column with explicit types for DuckDB. */
const TABLES: Record<string, { select: string; columns: Record<string, string> }> = {
  work_orders: {
    select: "select wo_number, department_id, status, created_at, completed_at, outcome, sla_days::float8 as sla_days from work_orders",
    columns: {
      wo_number: "VARCHAR", department_id: "INTEGER", status: "VARCHAR", created_at: "TIMESTAMPTZ",
      completed_at: "TIMESTAMPTZ", outcome: "VARCHAR", sla_days: "DOUBLE",
    },
  },
  service_requests: {
    select: "select sr_number, department_id, created_at, closed_at, duplicate from service_requests",
    columns: { sr_number: "VARCHAR", department_id: "INTEGER", created_at: "TIMESTAMPTZ", closed_at: "TIMESTAMPTZ", duplicate: "BOOLEAN" },
  },
  outcome_mappings: {
    select: "select department_id, outcome_key, category from outcome_mappings",
    columns: { department_id: "INTEGER", outcome_key: "VARCHAR", category: "VARCHAR" },
  },
};

export interface DuckCopy {
  exportMs: number;
  loadMs: number;
  query(text: string, params: string[]): Promise<unknown[]>;
  close(): void;
}

/**
 * An in-process DuckDB holding its own copy of the raw tables (exported from PostgreSQL
 * as CSV, then loaded), so the naive queries can be timed on a column store. Returns the
 * reason instead when the package cannot be loaded on this machine.
 */
export async function openDuckCopy(pgUrl: string): Promise<DuckCopy | { unavailable: string }> {
  let duck: typeof import("@duckdb/node-api");
  try {
    duck = await import("@duckdb/node-api");
  } catch (error) {
    return { unavailable: `DuckDB (@duckdb/node-api could not be loaded: ${(error as Error).message})` };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "compstat-bench-duck-"));
  try {
    let started = performance.now();
    for (const [table, { select }] of Object.entries(TABLES)) {
      await psql(pgUrl, ["-c", "set timezone = 'UTC'", "-c", `\\copy (${select}) to '${path.join(dir, table)}.csv' with (format csv, header true)`]);
    }
    const exportMs = performance.now() - started;
    started = performance.now();
    const instance = await duck.DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    for (const [table, { columns }] of Object.entries(TABLES)) {
      const types = Object.entries(columns)
        .map(([name, type]) => `'${name}': '${type}'`)
        .join(", ");
      await connection.run(
        `create table ${table} as select * from read_csv('${path.join(dir, table)}.csv', header = true, columns = {${types}})`,
      );
    }
    const loadMs = performance.now() - started;
    rmSync(dir, { recursive: true, force: true });
    return {
      exportMs,
      loadMs,
      async query(text, params) {
        const reader = await connection.runAndReadAll(text, params);
        return reader.getRowObjectsJson();
      },
      close() {
        connection.closeSync();
        instance.closeSync();
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
