/**
 * Batches validated rows into a TEMP staging table. Each column of a batch travels as ONE
 * PostgreSQL array literal in ONE text parameter and is unnested and typed on the server:
 * the same statement runs on PGlite and postgres.js, and a 10,000-row batch costs one round
 * trip. Local timestamps are resolved against the city time zone here, by PostgreSQL.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { pgTextArray } from "./pg-array";
import type { StageColumn } from "./stage-columns";
import { LOCAL_TIMESTAMP_LENGTH } from "./timestamps";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export const BATCH_ROWS = 10_000;

const SQL_TYPES: Record<StageColumn["type"], string> = {
  text: "text",
  ts: "timestamptz",
  smallint: "smallint",
  float8: "double precision",
  bool: "boolean",
  numeric: "numeric",
};

function typed(column: StageColumn, timeZone: string): SQL {
  const ref = sql.raw(`u.${column.name}`);
  if (column.type === "text") return ref;
  if (column.type === "ts") {
    // Canonical local text has exactly 23 characters; anything longer carries its own offset.
    return sql`CASE WHEN length(${ref}) = ${LOCAL_TIMESTAMP_LENGTH} THEN (${ref}::timestamp AT TIME ZONE ${timeZone}) ELSE ${ref}::timestamptz END`;
  }
  return sql`${ref}::${sql.raw(SQL_TYPES[column.type])}`;
}

/** Accumulates rows column-wise and flushes them (and row rejects) in batches. */
export class Stager {
  private lines: string[] = [];
  private values: (string | null)[][];
  private rejectLines: string[] = [];
  private rejectReasons: string[] = [];
  private readonly insert: (params: string[]) => SQL;
  rejected = 0;
  staged = 0;

  constructor(
    private readonly tx: Tx,
    readonly table: string,
    private readonly columns: readonly StageColumn[],
    private readonly runId: number,
    timeZone: string,
  ) {
    this.values = columns.map(() => []);
    const names = sql.raw(["line", ...columns.map((c) => c.name)].join(", "));
    const selectList = sql.join(
      [sql.raw("u.line"), ...columns.map((c) => typed(c, timeZone))],
      sql`, `,
    );
    this.insert = (params) =>
      sql`INSERT INTO ${sql.raw(table)} (${names}) SELECT ${selectList} FROM unnest(${sql.join(
        params.map((p, i) => sql`${p}::${sql.raw(i === 0 ? "int[]" : "text[]")}`),
        sql`, `,
      )}) AS u(${names})`;
  }

  async create() {
    const defs = this.columns.map((c) => `${c.name} ${SQL_TYPES[c.type]}`).join(", ");
    await this.tx.execute(sql.raw(`CREATE TEMP TABLE ${this.table} (line integer NOT NULL, ${defs}) ON COMMIT DROP`));
  }

  async add(line: number, row: (string | null)[]) {
    this.lines.push(String(line));
    for (let i = 0; i < row.length; i++) this.values[i].push(row[i]);
    if (this.lines.length >= BATCH_ROWS) await this.flushRows();
  }

  async reject(line: number, reason: string) {
    this.rejectLines.push(String(line));
    this.rejectReasons.push(reason);
    this.rejected++;
    if (this.rejectLines.length >= BATCH_ROWS) await this.flushRejects();
  }

  async flush() {
    await this.flushRows();
    await this.flushRejects();
  }

  private async flushRows() {
    if (this.lines.length === 0) return;
    const params = [pgTextArray(this.lines), ...this.values.map((v) => pgTextArray(v))];
    this.staged += this.lines.length;
    this.lines = [];
    this.values = this.columns.map(() => []);
    await this.tx.execute(this.insert(params));
  }

  private async flushRejects() {
    if (this.rejectLines.length === 0) return;
    const lines = pgTextArray(this.rejectLines);
    const reasons = pgTextArray(this.rejectReasons);
    this.rejectLines = [];
    this.rejectReasons = [];
    await this.tx.execute(
      sql`INSERT INTO import_rejects (run_id, line, reason) SELECT ${this.runId}, u.line, u.reason FROM unnest(${lines}::int[], ${reasons}::text[]) AS u(line, reason)`,
    );
  }
}
