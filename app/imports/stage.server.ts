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

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export const BATCH_ROWS = 5_000;

const SQL_TYPES: Record<StageColumn["type"], string> = {
  text: "text",
  ts: "timestamptz",
  smallint: "smallint",
  float8: "double precision",
  bool: "boolean",
  numeric: "numeric",
};

function typed(column: StageColumn): SQL {
  const ref = sql.raw(`u.${column.name}`);
  if (column.type === "text") return ref;
  // A zone-less timestamp is read in the session time zone, which `create` sets to the city's
  // for this transaction: PostgreSQL's own reading of the fall-back hour and the spring gap,
  // and three times cheaper than `AT TIME ZONE 'name'` per value. Offsets are honoured.
  return sql`${ref}::${sql.raw(SQL_TYPES[column.type])}`;
}

/** Accumulates rows column-wise and flushes them (and row rejects) in batches. */
export class Stager {
  private lines: string[] = [];
  private values: (string | null)[][];
  private rejectLines: string[] = [];
  private rejectReasons: string[] = [];
  private readonly insert: (params: string[]) => SQL;
  /** the batch insert in flight: parsing the next batch overlaps with the database's work */
  private pending: Promise<unknown> = Promise.resolve();
  rejected = 0;
  staged = 0;

  constructor(
    private readonly tx: Tx,
    readonly table: string,
    private readonly columns: readonly StageColumn[],
    private readonly runId: number,
    private readonly timeZone: string,
  ) {
    this.values = columns.map(() => []);
    const names = sql.raw(["line", ...columns.map((c) => c.name)].join(", "));
    const selectList = sql.join(
      [sql.raw("u.line"), ...columns.map((c) => typed(c))],
      sql`, `,
    );
    this.insert = (params) =>
      sql`INSERT INTO ${sql.raw(table)} (${names}) SELECT ${selectList} FROM unnest(${sql.join(
        params.map((p, i) => sql`${p}::${sql.raw(i === 0 ? "int[]" : "text[]")}`),
        sql`, `,
      )}) AS u(${names})`;
  }

  async create() {
    // Transaction-local: the city zone for reading local times, and room for the staging
    // table's sorts and hashes (a year of requests is ~600 MB of staged rows).
    await this.tx.execute(
      sql`SELECT set_config('TimeZone', ${this.timeZone}, true), set_config('work_mem', '64MB', true)`,
    );
    // Keeps the staging table in memory instead of spilling through 8 MB of local buffers; only
    // possible before the session's first temporary table, hence the savepoint.
    await this.tx
      .transaction((sp) => sp.execute(sql`SELECT set_config('temp_buffers', '256MB', true)`))
      .catch(() => {});
    const defs = this.columns.map((c) => `${c.name} ${SQL_TYPES[c.type]}`).join(", ");
    await this.tx.execute(sql.raw(`CREATE TEMP TABLE ${this.table} (line integer NOT NULL, ${defs}) ON COMMIT DROP`));
  }

  /** Returns a promise only when a batch is written (the per-row path stays synchronous). */
  add(line: number, row: (string | null)[]): Promise<void> | undefined {
    this.lines.push(String(line));
    for (let i = 0; i < row.length; i++) this.values[i].push(row[i]);
    return this.lines.length >= BATCH_ROWS ? this.flushRows() : undefined;
  }

  reject(line: number, reason: string): Promise<void> | undefined {
    this.rejectLines.push(String(line));
    this.rejectReasons.push(reason);
    this.rejected++;
    return this.rejectLines.length >= BATCH_ROWS ? this.flushRejects() : undefined;
  }

  async flush() {
    await this.flushRows();
    await this.flushRejects();
    await this.pending;
  }

  private async flushRows() {
    if (this.lines.length === 0) return;
    const params = [pgTextArray(this.lines), ...this.values.map((v) => pgTextArray(v))];
    this.staged += this.lines.length;
    this.lines = [];
    this.values = this.columns.map(() => []);
    await this.pending;
    // drizzle's query promise runs again on every `then`: turn it into a plain promise once.
    const insert = Promise.resolve(this.tx.execute(this.insert(params)));
    insert.catch(() => {}); // surfaced by the next await of `pending`, never unhandled
    this.pending = insert;
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
