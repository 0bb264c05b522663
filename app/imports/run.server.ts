/**
 * One import of one file: refuse it with one line if it is not the format (nothing written),
 * otherwise record an import run, stream and stage the whole file and apply it in ONE
 * transaction, and record the outcome on the run outside that transaction, so a fault
 * leaves a failed run and no half-imported data. See docs/decisions/002-import-pipeline.md.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { queryRows, type Db } from "#db/client.server";
import { importRuns } from "#db/schema/core";
import { recordAudit, type AuditActor } from "~/audit/log.server";
import { applyRequests, applyWorkOrders, type ApplyResult } from "./apply.server";
import type { FieldGetter, FieldLabel, Mapped } from "./fields";
import { departmentIdByName, upsertOutcomeMapping } from "./outcome-mappings.server";
import { FileFormatError, openSource, type OpenedSource, type SourceSpec } from "./reader.server";
import { mapOpen311, open311Aliases, open311Required, type Open311Field } from "./sources/open311";
import {
  mapOutcomeRow,
  outcomeMapAliases,
  outcomeMapRequired,
  type OutcomeMapField,
} from "./sources/outcome-map";
import { mapRequest, requestAliases, requestColumns, requestRequired, type RequestField } from "./sources/requests";
import {
  mapWorkOrder,
  workOrderAliases,
  workOrderColumns,
  workOrderRequired,
  type WorkOrderField,
} from "./sources/work-orders";
import type { StageColumn } from "./stage-columns";
import { Stager, type Tx } from "./stage.server";
import { outcomeKey } from "~/metrics/outcomes";
import { cityTimeZone } from "~/metrics/periods.server";
import { markWorkOrdersWithOutcomes } from "~/scorecards/pending.server";

export type ImportKind = "requests" | "work-orders" | "open311" | "outcome-map";
export const IMPORT_KINDS: readonly ImportKind[] = ["requests", "work-orders", "open311", "outcome-map"];

export interface ImportReject {
  line: number;
  reason: string;
}

export interface ImportSummary {
  file: string;
  runId: number | null;
  status: "succeeded" | "failed" | "invalid";
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejects: ImportReject[];
  error?: string;
  /** local dates [from, to] touched by inserted/updated rows (old and new times); null if nothing changed */
  touched: { from: string; to: string } | null;
  /**
   * local dates of the requests whose suspected-duplicate verdict the import can have changed
   * (to null: up to the latest request); null when it cannot have changed any
   */
  duplicateWindow: { from: string; to: string | null } | null;
}

interface RunContext {
  tx: Tx;
  runId: number;
  timeZone: string;
  actorLabel: string;
  progress: { read: number };
}

interface Outcome {
  read: number;
  rejected: number;
  inserted: number;
  updated: number;
  unchanged: number;
  touched: ImportSummary["touched"];
  duplicateWindow: ImportSummary["duplicateWindow"];
}

interface Plan<F extends string> {
  spec: SourceSpec<F>;
  run(ctx: RunContext, source: OpenedSource<F>): Promise<Outcome>;
}

/** Streams rows through `map` into the staging table, then hands over to the set-based step. */
function stagedPlan<F extends string>(options: {
  spec: SourceSpec<F>;
  table: string;
  columns: readonly StageColumn[];
  map: (get: FieldGetter<F>, label: FieldLabel<F>) => Mapped;
  apply: (ctx: RunContext, stager: Stager, label: FieldLabel<F>) => Promise<ApplyResult>;
}): Plan<F> {
  return {
    spec: options.spec,
    async run(ctx, source) {
      const stager = new Stager(ctx.tx, options.table, options.columns, ctx.runId, ctx.timeZone);
      await stager.create();
      await source.each((record) => {
        ctx.progress.read++;
        if (record.fieldCountError) return stager.reject(record.line, record.fieldCountError);
        const mapped = options.map(record.get, source.label);
        return Array.isArray(mapped) ? stager.add(record.line, mapped) : stager.reject(record.line, mapped.reject);
      });
      await stager.flush();
      const applied = await options.apply(ctx, stager, source.label);
      if (applied.duplicateWindow) {
        const { from, to } = applied.duplicateWindow;
        await ctx.tx.execute(sql`INSERT INTO suspected_duplicates_pending (from_day, to_day) VALUES (${from}, ${to})`);
      }
      const rejected = stager.rejected + applied.rejected;
      return {
        read: ctx.progress.read,
        rejected,
        inserted: applied.inserted,
        updated: applied.updated,
        unchanged: ctx.progress.read - rejected - applied.inserted - applied.updated,
        touched: applied.touched,
        duplicateWindow: applied.duplicateWindow,
      };
    },
  };
}

const requestNames: Record<RequestField, string> = {
  sr: "SR_NUMBER",
  type: "SR_TYPE",
  code: "SR_SHORT_CODE",
  department: "OWNER_DEPARTMENT",
  status: "STATUS",
  origin: "ORIGIN",
  created: "CREATED_DATE",
  modified: "LAST_MODIFIED_DATE",
  closed: "CLOSED_DATE",
  street: "STREET_ADDRESS",
  zip: "ZIP_CODE",
  communityArea: "COMMUNITY_AREA",
  ward: "WARD",
  latitude: "LATITUDE",
  longitude: "LONGITUDE",
  duplicate: "DUPLICATE",
  parent: "PARENT_SR_NUMBER",
};

const requestColumnNames = requestColumns.map((c) => c.name);
const workOrderColumnNames = workOrderColumns.map((c) => c.name);

const PLANS: { [K in ImportKind]: Plan<string> } = {
  requests: stagedPlan<RequestField>({
    spec: {
      describe: "a Chicago 311 service-request export",
      aliases: requestAliases,
      names: requestNames,
      required: requestRequired,
      shapes: ["csv", "json"],
    },
    table: "import_stage_requests",
    columns: requestColumns,
    map: mapRequest,
    apply: (ctx, stager, label) =>
      applyRequests(
        { ...ctx, table: stager.table, staged: stager.staged, label: { created: label("created"), closed: label("closed") } },
        requestColumnNames,
      ),
  }) as Plan<string>,
  open311: stagedPlan<Open311Field>({
    spec: {
      describe: "Open311 GeoReport v2 requests",
      aliases: open311Aliases,
      names: {
        id: "service_request_id",
        status: "status",
        serviceName: "service_name",
        serviceCode: "service_code",
        agency: "agency_responsible",
        requested: "requested_datetime",
        updated: "updated_datetime",
        address: "address",
        zip: "zipcode",
        lat: "lat",
        long: "long",
      },
      required: open311Required,
      shapes: ["json"],
    },
    table: "import_stage_requests",
    columns: requestColumns,
    map: mapOpen311,
    apply: (ctx, stager, label) =>
      applyRequests(
        { ...ctx, table: stager.table, staged: stager.staged, label: { created: label("requested"), closed: label("updated") } },
        requestColumnNames,
      ),
  }) as Plan<string>,
  "work-orders": stagedPlan<WorkOrderField>({
    spec: {
      describe: "a work-order export",
      aliases: workOrderAliases,
      names: {
        sr: "SR_NUMBER",
        wo: "WORK_ORDER_NUMBER",
        type: "WORK_ORDER_TYPE",
        department: "DEPARTMENT",
        sequence: "SEQUENCE",
        created: "CREATED_DATE",
        completed: "COMPLETED_DATE",
        status: "STATUS",
        outcome: "OUTCOME",
        slaDays: "SLA_DAYS",
        slaKind: "SLA_KIND",
      },
      required: workOrderRequired,
      shapes: ["csv"],
    },
    table: "import_stage_work_orders",
    columns: workOrderColumns,
    map: mapWorkOrder,
    apply: (ctx, stager, label) =>
      applyWorkOrders(
        {
          ...ctx,
          table: stager.table,
          staged: stager.staged,
          label: { created: label("created"), closed: label("completed") },
          srLabel: label("sr"),
        },
        workOrderColumnNames,
      ),
  }) as Plan<string>,
  "outcome-map": {
    spec: {
      describe: "an outcome map (DEPARTMENT,OUTCOME,CATEGORY)",
      aliases: outcomeMapAliases,
      names: { department: "DEPARTMENT", outcome: "OUTCOME", category: "CATEGORY" },
      required: outcomeMapRequired,
      shapes: ["csv"],
    },
    run: (ctx, source) => runOutcomeMap(ctx, source as OpenedSource<OutcomeMapField>),
  } as Plan<string>,
};

/** Mapping files are short (hundreds of rows): row by row, each change audited. */
async function runOutcomeMap(ctx: RunContext, source: OpenedSource<OutcomeMapField>): Promise<Outcome> {
  const { tx, runId } = ctx;
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  const rejects: { line: number; reason: string }[] = [];
  const seen = new Map<string, { line: number; category: string }>();
  const changedDepartments = new Set<number | null>();
  const changedMappings: { departmentId: number | null; outcomeKey: string }[] = [];
  await source.each(async (record) => {
    ctx.progress.read++;
    if (record.fieldCountError) {
      rejects.push({ line: record.line, reason: record.fieldCountError });
      return;
    }
    const row = mapOutcomeRow(record.get, source.label);
    if ("reject" in row) {
      rejects.push({ line: record.line, reason: row.reject });
      return;
    }
    const key = `${row.department ?? ""}\u0000${row.outcome.toLowerCase()}`;
    const earlier = seen.get(key);
    if (earlier && earlier.category === row.category) {
      rejects.push({ line: record.line, reason: `exact duplicate of line ${earlier.line}` });
      return;
    }
    seen.set(key, { line: record.line, category: row.category });
    const departmentId = row.department === null ? null : await departmentIdByName(tx, row.department);
    const change = await upsertOutcomeMapping(tx, {
      departmentId,
      rawOutcome: row.outcome,
      category: row.category,
      actorLabel: ctx.actorLabel,
    });
    counts[change]++;
    if (change !== "unchanged") {
      changedDepartments.add(departmentId);
      changedMappings.push({ departmentId, outcomeKey: outcomeKey(row.outcome) });
    }
  });
  for (const r of rejects) {
    await tx.execute(sql`INSERT INTO import_rejects (run_id, line, reason) VALUES (${runId}, ${r.line}, ${r.reason})`);
  }
  await markWorkOrdersWithOutcomes(tx, changedMappings);
  return {
    read: ctx.progress.read,
    rejected: rejects.length,
    ...counts,
    touched: changedDepartments.size === 0 ? null : await workOrderSpan(ctx, [...changedDepartments]),
    duplicateWindow: null,
  };
}

/** A mapping re-labels every closed WO of its department(s), whenever it closed. */
async function workOrderSpan(ctx: RunContext, departmentIds: (number | null)[]) {
  const everyDepartment = departmentIds.includes(null);
  const ids = `{${departmentIds.filter((d) => d !== null).join(",")}}`;
  const [row] = await queryRows<{ lo: string | null; hi: string | null }>(
    ctx.tx as unknown as Db,
    sql`SELECT to_char(min(created_at) AT TIME ZONE ${ctx.timeZone}, 'YYYY-MM-DD') AS lo,
               to_char(max(coalesce(completed_at, created_at)) AT TIME ZONE ${ctx.timeZone}, 'YYYY-MM-DD') AS hi
        FROM work_orders WHERE ${everyDepartment} OR department_id = ANY(${ids}::int[])`,
  );
  return row?.lo && row.hi ? { from: row.lo, to: row.hi } : null;
}

/** Which kinds write which table, and which earlier imports a kind's rows depend on. */
const WRITERS: Partial<Record<ImportKind, { same: ImportKind[]; dependsOn: ImportKind[] }>> = {
  requests: { same: ["requests", "open311"], dependsOn: [] },
  open311: { same: ["requests", "open311"], dependsOn: [] },
  "work-orders": { same: ["work-orders"], dependsOn: ["requests", "open311"] },
};

/**
 * Re-importing the very file that last changed a table (same kind, same bytes, same time zone)
 * cannot change anything: every row it would stage is already there as it would write it.
 * Rows of these tables change only through imports, so the importer proves this from the run
 * history instead of re-staging the file, and reports the earlier run's rows as unchanged and
 * its rejects again. Any later import that changed the table, or (for work orders, whose SRs
 * may have been unknown) a later request import that changed something, disables the shortcut.
 */
async function replayIfAlreadyApplied(
  db: Db,
  run: { kind: ImportKind; sha256: string; timeZone: string; runId: number; started: number },
): Promise<Omit<ImportSummary, "file"> | null> {
  const writers = WRITERS[run.kind];
  if (!writers) return null;
  const kinds = (list: ImportKind[]) => `{${list.join(",")}}`;
  const [last] = await queryRows<{
    id: number;
    kind: string;
    sha256: string;
    time_zone: string | null;
    rows_read: number;
    inserted: number;
    updated: number;
    unchanged: number;
    rejected: number;
    later_dependency: boolean;
  }>(
    db,
    sql`SELECT r.id, r.kind, r.sha256, r.time_zone, r.rows_read, r.inserted, r.updated, r.unchanged, r.rejected,
               EXISTS (SELECT 1 FROM import_runs d WHERE d.id > r.id AND d.status = 'succeeded'
                       AND d.kind = ANY(${kinds(writers.dependsOn)}::text[]) AND d.inserted + d.updated > 0) AS later_dependency
        FROM import_runs r
        WHERE r.status = 'succeeded' AND r.kind = ANY(${kinds(writers.same)}::text[]) AND r.inserted + r.updated > 0
        ORDER BY r.id DESC LIMIT 1`,
  );
  if (!last || last.kind !== run.kind || last.sha256 !== run.sha256 || last.time_zone !== run.timeZone) return null;
  if (last.later_dependency && Number(last.rejected) > 0) return null;
  const read = Number(last.rows_read);
  const rejected = Number(last.rejected);
  // The copied rejects and the finished run appear together or not at all.
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`INSERT INTO import_rejects (run_id, line, reason, raw)
          SELECT ${run.runId}, line, reason, raw FROM import_rejects WHERE run_id = ${last.id} ORDER BY line, id`,
    );
    await tx
      .update(importRuns)
      .set({
        status: "succeeded",
        rowsRead: read,
        unchanged: read - rejected,
        rejected,
        finishedAt: sql`now()`,
        durationMs: Math.round(performance.now() - run.started),
      })
      .where(eq(importRuns.id, run.runId));
  });
  const rejects = await queryRows<ImportReject>(
    db,
    sql`SELECT line, reason FROM import_rejects WHERE run_id = ${run.runId} ORDER BY line, id`,
  );
  return {
    runId: run.runId,
    status: "succeeded",
    read,
    inserted: 0,
    updated: 0,
    unchanged: read - rejected,
    rejected,
    rejects: rejects.map((r) => ({ line: Number(r.line), reason: r.reason })),
    touched: null,
    duplicateWindow: null,
  };
}

async function fileSha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

function emptySummary(file: string, runId: number | null, status: ImportSummary["status"], error?: string): ImportSummary {
  return { file, runId, status, read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, rejects: [], error, touched: null, duplicateWindow: null };
}

export async function importFile(
  db: Db,
  opts: {
    kind: ImportKind;
    path: string;
    displayName?: string;
    timeZone?: string;
    /** who the audit log names for this import; defaults to the file's name */
    actor?: AuditActor;
    actorLabel?: string;
  },
): Promise<ImportSummary> {
  const file = opts.displayName ?? opts.path;
  const actor: AuditActor = opts.actor ?? { label: opts.actorLabel ?? `import: ${file}` };
  const timeZone = opts.timeZone ?? cityTimeZone();
  const plan = PLANS[opts.kind];
  if (!plan) throw new Error(`unknown import kind "${opts.kind}" (expected ${IMPORT_KINDS.join(", ")})`);
  const started = performance.now();

  let source: OpenedSource<string>;
  try {
    source = await openSource(opts.path, plan.spec);
  } catch (error) {
    if (error instanceof FileFormatError) return emptySummary(file, null, "invalid", error.message);
    throw error;
  }

  const sha256 = await fileSha256(opts.path);
  const [run] = await db
    .insert(importRuns)
    .values({ kind: opts.kind, fileName: file, sha256, timeZone, startedBy: actor.label, status: "running" })
    .returning({ id: importRuns.id });
  const replayed = await replayIfAlreadyApplied(db, { kind: opts.kind, sha256, timeZone, runId: run.id, started });
  if (replayed) {
    await source.close();
    return { ...replayed, file };
  }
  const progress = { read: 0 };
  try {
    const outcome = await db.transaction(async (tx) => {
      const applied = await plan.run({ tx, runId: run.id, timeZone, actorLabel: actor.label, progress }, source);
      // In the same transaction as the rows, so the log never names an import that left nothing.
      await recordAudit(tx as unknown as Db, {
        actor,
        action: "imported",
        entityType: "import",
        entityId: run.id,
        after: {
          kind: opts.kind,
          file,
          sha256,
          read: applied.read,
          inserted: applied.inserted,
          updated: applied.updated,
          unchanged: applied.unchanged,
          rejected: applied.rejected,
        },
      });
      return applied;
    });
    const rejects = await queryRows<ImportReject>(
      db,
      sql`SELECT line, reason FROM import_rejects WHERE run_id = ${run.id} ORDER BY line, id`,
    );
    await db
      .update(importRuns)
      .set({
        status: "succeeded",
        rowsRead: outcome.read,
        inserted: outcome.inserted,
        updated: outcome.updated,
        unchanged: outcome.unchanged,
        rejected: outcome.rejected,
        finishedAt: sql`now()`,
        durationMs: Math.round(performance.now() - started),
      })
      .where(eq(importRuns.id, run.id));
    return {
      file,
      runId: run.id,
      status: "succeeded",
      read: outcome.read,
      inserted: outcome.inserted,
      updated: outcome.updated,
      unchanged: outcome.unchanged,
      rejected: outcome.rejected,
      rejects: rejects.map((r) => ({ line: Number(r.line), reason: r.reason })),
      touched: outcome.touched,
      duplicateWindow: outcome.duplicateWindow,
    };
  } catch (error) {
    const message =
      error instanceof FileFormatError
        ? error.message
        : `database error, nothing from this file was kept: ${firstLine(error)}`;
    await db
      .update(importRuns)
      .set({
        status: "failed",
        rowsRead: progress.read,
        error: message,
        finishedAt: sql`now()`,
        durationMs: Math.round(performance.now() - started),
      })
      .where(eq(importRuns.id, run.id));
    return { ...emptySummary(file, run.id, "failed", message), read: progress.read };
  }
}

function firstLine(error: unknown): string {
  const e = error as { cause?: { message?: string }; message?: string };
  const text = e?.cause?.message ?? e?.message ?? String(error);
  return text.split("\n")[0];
}

/** The DESIGN §6 lines for one file. */
export function formatSummary(s: ImportSummary): string[] {
  if (s.status !== "succeeded") return [`${s.file}: ${s.error ?? "import failed"}`];
  return [
    `imported ${s.file}: read ${s.read}, inserted ${s.inserted}, updated ${s.updated}, unchanged ${s.unchanged}, rejected ${s.rejected}`,
    ...s.rejects.map((r) => `${s.file}:${r.line}: ${r.reason}`),
  ];
}
