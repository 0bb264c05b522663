/**
 * What the import pages read and do (DESIGN §5.7): the run history, one run with its rejects,
 * and an upload through the browser that goes through the same `importFile` as the CLI.
 *
 * Import runs are city-wide records (one file spans many departments), so these functions take
 * no Scope: the routes let only roles holding `read:import:any` reach them (ADR 009).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  MaxPartSizeExceededError,
  NodeOnDiskFile,
  unstable_composeUploadHandlers,
  unstable_createFileUploadHandler,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { asc, count, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "#db/client.server";
import { importRejects, importRuns } from "#db/schema/core";
import { actorFromViewer } from "~/audit/log.server";
import type { Viewer } from "~/auth/permissions";
import { refreshAfterImport } from "./derived.server";
import { IMPORT_KINDS, importFile, type ImportKind, type ImportSummary } from "./run.server";

export const IMPORT_RUNS_PAGE_SIZE = 25;
export const IMPORT_REJECTS_PAGE_SIZE = 100;

export interface ImportRunRow {
  id: number;
  kind: string;
  fileName: string;
  sha256: string;
  status: string;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  error: string | null;
  startedAt: string;
  durationMs: number | null;
  /** who started it: a user's email for uploads, the command line or seed otherwise */
  actorLabel: string | null;
}

export interface ImportRejectRow {
  line: number;
  reason: string;
  raw: string | null;
}

const runColumns = {
  id: importRuns.id,
  kind: importRuns.kind,
  fileName: importRuns.fileName,
  sha256: importRuns.sha256,
  status: importRuns.status,
  rowsRead: importRuns.rowsRead,
  inserted: importRuns.inserted,
  updated: importRuns.updated,
  unchanged: importRuns.unchanged,
  rejected: importRuns.rejected,
  error: importRuns.error,
  startedAt: importRuns.startedAt,
  durationMs: importRuns.durationMs,
  actorLabel: importRuns.startedBy,
};

function toRunRow(r: Omit<ImportRunRow, "startedAt"> & { startedAt: Date }): ImportRunRow {
  return { ...r, startedAt: r.startedAt.toISOString() };
}

/** Newest runs first, one page, with whether an older page exists. */
export async function listImportRuns(db: Db, { page }: { page: number }) {
  const rows = await db
    .select(runColumns)
    .from(importRuns)
    .orderBy(desc(importRuns.startedAt), desc(importRuns.id))
    .limit(IMPORT_RUNS_PAGE_SIZE + 1)
    .offset((page - 1) * IMPORT_RUNS_PAGE_SIZE);
  return { runs: rows.slice(0, IMPORT_RUNS_PAGE_SIZE).map(toRunRow), hasMore: rows.length > IMPORT_RUNS_PAGE_SIZE };
}

export async function getImportRun(db: Db, runId: number): Promise<ImportRunRow | null> {
  const [row] = await db.select(runColumns).from(importRuns).where(eq(importRuns.id, runId));
  return row ? toRunRow(row) : null;
}

/** One page of a run's rejected rows in file order, and how many pages there are. */
export async function listImportRejects(db: Db, { runId, page }: { runId: number; page: number }) {
  const [rows, [total]] = await Promise.all([
    db
      .select({ line: importRejects.line, reason: importRejects.reason, raw: importRejects.raw })
      .from(importRejects)
      .where(eq(importRejects.runId, runId))
      .orderBy(asc(importRejects.line), asc(importRejects.id))
      .limit(IMPORT_REJECTS_PAGE_SIZE)
      .offset((page - 1) * IMPORT_REJECTS_PAGE_SIZE),
    db.select({ n: count() }).from(importRejects).where(eq(importRejects.runId, runId)),
  ]);
  const n = Number(total.n);
  return { rejects: rows as ImportRejectRow[], total: n, pages: Math.max(1, Math.ceil(n / IMPORT_REJECTS_PAGE_SIZE)) };
}

// --- upload ---------------------------------------------------------------------------

export const runIdParam = z.coerce.number().int().positive().max(2_147_483_647);
export const pageQuery = z.object({
  page: z.coerce.number().int("Pages are whole numbers.").min(1, "Pages start at 1.").max(100_000).optional().default(1),
});

/** Default 200 MB: a month of the city's work orders fits; IMPORT_MAX_UPLOAD_MB changes it. */
export function uploadLimitBytes(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env.IMPORT_MAX_UPLOAD_MB ?? 200);
  return Number.isFinite(mb) && mb > 0 ? Math.round(mb * 1024 * 1024) : 200 * 1024 * 1024;
}

const uploadSchema = z.object({
  kind: z.enum(IMPORT_KINDS as [ImportKind, ...ImportKind[]], { error: "Pick what kind of file this is." }),
  file: z.instanceof(NodeOnDiskFile, { error: "Choose a file to upload." }),
});

export type UploadResult =
  | { ok: true; runId: number; summary: ImportSummary }
  | { ok: false; fieldErrors: Record<string, string> };

/**
 * Streams the multipart body's file to a private temp directory (never into memory), imports
 * it as the signed-in user, records who did it, refreshes the aggregates the file touched and
 * removes the temp file whatever happens.
 */
export async function importUpload(db: Db, viewer: Viewer, request: Request, limitBytes = uploadLimitBytes()): Promise<UploadResult> {
  if (!/^multipart\/form-data\b/i.test(request.headers.get("Content-Type") ?? "")) {
    return { ok: false, fieldErrors: { form: "Send the file with the upload form (multipart/form-data)." } };
  }
  const dir = await mkdtemp(path.join(tmpdir(), "compstat-upload-"));
  try {
    let form: FormData;
    // NodeOnDiskFile names itself after the path on disk; the browser's name is kept here.
    let uploadedName = "";
    try {
      form = await unstable_parseMultipartFormData(
        request,
        unstable_composeUploadHandlers(
          unstable_createFileUploadHandler({
            directory: dir,
            // The stored name is ours: the browser's file name is only a label.
            file: ({ filename }) => {
              uploadedName = filename;
              return "upload";
            },
            avoidFileConflicts: false,
            maxPartSize: limitBytes,
            filter: ({ name, filename }) => name === "file" && filename !== "",
          }),
          unstable_createMemoryUploadHandler({ maxPartSize: 1024 }),
        ),
      );
    } catch (error) {
      if (error instanceof MaxPartSizeExceededError) {
        const message =
          error.field === "file"
            ? `The file is larger than the upload limit of ${formatBytes(limitBytes)}; import it with npm run import instead.`
            : `The field ${error.field} is too long.`;
        return { ok: false, fieldErrors: { [error.field === "file" ? "file" : "form"]: message } };
      }
      // Remix's parser throws a TypeError for a body that is not well-formed multipart.
      if (error instanceof TypeError) return { ok: false, fieldErrors: { form: "The upload could not be read as a form; send it again." } };
      throw error;
    }
    const parsed = uploadSchema.safeParse({ kind: form.get("kind") ?? undefined, file: form.get("file") ?? undefined });
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
      return { ok: false, fieldErrors };
    }
    const { kind, file } = parsed.data;
    const displayName = path.basename(uploadedName.replaceAll("\\", "/")).slice(0, 200) || "upload";
    const actor = actorFromViewer(viewer);
    const summary = await importFile(db, { kind, path: file.getFilePath(), displayName, actor });
    if (summary.runId === null) return { ok: false, fieldErrors: { file: `${displayName}: ${summary.error ?? "could not be read"}` } };
    await refreshAfterImport(db);
    return { ok: true, runId: summary.runId, summary };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}
