import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { can } from "~/auth/permissions";
import { requirePermission } from "~/auth/require.server";
import { IMPORT_KIND_LABELS, NOT_UPLOADED, formatDurationMs, shortSha, statusTag } from "~/imports/format";
import { importUpload, listImportRuns, pageQuery, uploadLimitBytes, type UploadResult } from "~/imports/pages.server";
import { IMPORT_KINDS } from "~/imports/run.server";
import { cityTimeZone } from "~/metrics/periods.server";

export const meta: MetaFunction = () => [{ title: "Imports · CompStat 311" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "read:import:any");
  const parsed = pageQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new Response(parsed.error.issues[0].message, { status: 400 });
  const db = await getDb();
  const { runs, hasMore } = await listImportRuns(db, { page: parsed.data.page });
  return {
    runs,
    hasMore,
    page: parsed.data.page,
    canRun: can(viewer.role, "run:import:any"),
    kinds: IMPORT_KINDS.map((kind) => ({ kind, label: IMPORT_KIND_LABELS[kind] ?? kind })),
    limitMb: Math.round(uploadLimitBytes() / (1024 * 1024)),
    timeZone: cityTimeZone(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "run:import:any");
  const result = await importUpload(await getDb(), viewer, request);
  if (result.ok) return redirect(`/imports/${result.runId}`);
  return data<UploadResult>(result, { status: 400 });
}

export default function Imports() {
  const { runs, hasMore, page, canRun, kinds, limitMb, timeZone } = useLoaderData<typeof loader>();
  const result = useActionData<UploadResult>();
  const errors = result && !result.ok ? result.fieldErrors : {};
  const uploading = useNavigation().state === "submitting";
  const time = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone });
  return (
    <>
      <h1>Imports</h1>
      <p className="cs-lede">
        Every file imported, from this page or with <code>npm run import</code>: what it held, what changed, and every row that was
        rejected with its line and the reason.
      </p>

      {canRun ? (
        <section aria-labelledby="upload-heading">
          <h2 id="upload-heading">Upload a file</h2>
          <Form method="post" encType="multipart/form-data" className="usa-form usa-form--large" noValidate>
            {errors.form ? <ErrorAlert message={errors.form} /> : null}
            <div className={`usa-form-group${errors.kind ? " usa-form-group--error" : ""}`}>
              <label className="usa-label" htmlFor="kind">
                Kind of file
              </label>
              {errors.kind ? (
                <span className="usa-error-message" id="kind-error" role="alert">
                  {errors.kind}
                </span>
              ) : null}
              <select className="usa-select" id="kind" name="kind" defaultValue="" aria-describedby={errors.kind ? "kind-error" : undefined}>
                <option value="" disabled>
                  - Select -
                </option>
                {kinds.map((k) => (
                  <option key={k.kind} value={k.kind}>
                    {k.label}
                  </option>
                ))}
              </select>
            </div>
            <div className={`usa-form-group${errors.file ? " usa-form-group--error" : ""}`}>
              <label className="usa-label" htmlFor="file">
                File
              </label>
              <span className="usa-hint" id="file-hint">
                CSV or JSON, up to {limitMb} MB. Larger files: <code>npm run import</code> on the server.
              </span>
              {errors.file ? (
                <span className="usa-error-message" id="file-error" role="alert">
                  {errors.file}
                </span>
              ) : null}
              <input
                className="usa-file-input"
                id="file"
                name="file"
                type="file"
                accept=".csv,.json,text/csv,application/json"
                aria-describedby={errors.file ? "file-hint file-error" : "file-hint"}
              />
            </div>
            <button className="usa-button" type="submit" disabled={uploading}>
              {uploading ? "Importing…" : "Import"}
            </button>
          </Form>
        </section>
      ) : null}

      <h2>Run history</h2>
      {runs.length === 0 ? (
        <p>No file has been imported yet.</p>
      ) : (
        <div className="cs-table-wrap">
          <table className="usa-table usa-table--striped usa-table--compact font-sans-2xs text-tabular">
            <caption className="usa-sr-only">Import runs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">File</th>
                <th scope="col">Kind</th>
                <th scope="col">SHA-256</th>
                <th scope="col" className="text-right">Read</th>
                <th scope="col" className="text-right">Inserted</th>
                <th scope="col" className="text-right">Updated</th>
                <th scope="col" className="text-right">Unchanged</th>
                <th scope="col" className="text-right">Rejected</th>
                <th scope="col">Status</th>
                <th scope="col" className="text-right">Duration</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => {
                const tag = statusTag(r.status);
                return (
                  <tr key={r.id}>
                    <td className="text-no-wrap">
                      <time dateTime={r.startedAt}>{time.format(new Date(r.startedAt))}</time>
                    </td>
                    <th scope="row">
                      <Link to={`/imports/${r.id}`}>{r.fileName}</Link>
                    </th>
                    <td className="text-no-wrap">{r.kind}</td>
                    <td>
                      <code className="font-mono-3xs" title={r.sha256 || undefined}>
                        {shortSha(r.sha256)}
                      </code>
                    </td>
                    <td className="text-right">{r.rowsRead.toLocaleString("en-US")}</td>
                    <td className="text-right">{r.inserted.toLocaleString("en-US")}</td>
                    <td className="text-right">{r.updated.toLocaleString("en-US")}</td>
                    <td className="text-right">{r.unchanged.toLocaleString("en-US")}</td>
                    <td className="text-right">
                      {r.rejected > 0 ? <Link to={`/imports/${r.id}#rejects`}>{r.rejected.toLocaleString("en-US")}</Link> : 0}
                    </td>
                    <td>
                      <span className={tag.className}>{tag.label}</span>
                    </td>
                    <td className="text-right text-no-wrap">{formatDurationMs(r.durationMs)}</td>
                    <td>{r.actorLabel ?? <span className="cs-muted">{NOT_UPLOADED}</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Run history pages" className="cs-no-print">
        {page > 1 ? (
          <Link className="usa-button usa-button--outline" to={page === 2 ? "?" : `?page=${page - 1}`}>
            Newer runs
          </Link>
        ) : null}
        {hasMore ? (
          <Link className="usa-button usa-button--outline" to={`?page=${page + 1}`}>
            Older runs
          </Link>
        ) : null}
      </nav>
    </>
  );
}

function ErrorAlert({ message }: { message: string }) {
  return (
    <div className="usa-alert usa-alert--error usa-alert--slim" role="alert">
      <div className="usa-alert__body">
        <p className="usa-alert__text">{message}</p>
      </div>
    </div>
  );
}
