import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { notFound, requirePermission } from "~/auth/require.server";
import { NOT_UPLOADED, formatDurationMs, statusTag } from "~/imports/format";
import { IMPORT_REJECTS_PAGE_SIZE, getImportRun, listImportRejects, pageQuery, runIdParam } from "~/imports/pages.server";
import { cityTimeZone } from "~/metrics/periods.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `Import ${data.run.fileName}` : "Import"} · CompStat 311` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "read:import:any");
  const runId = runIdParam.safeParse(params.runId);
  if (!runId.success) throw notFound("No such import run.");
  const query = pageQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new Response(query.error.issues[0].message, { status: 400 });
  const db = await getDb();
  const run = await getImportRun(db, runId.data);
  if (!run) throw notFound("No such import run.");
  const rejects = await listImportRejects(db, { runId: run.id, page: query.data.page });
  if (query.data.page > rejects.pages) throw notFound("No such page of rejects.");
  return { run, ...rejects, page: query.data.page, pageSize: IMPORT_REJECTS_PAGE_SIZE, timeZone: cityTimeZone() };
}

export default function ImportRun() {
  const { run, rejects, total, pages, page, pageSize, timeZone } = useLoaderData<typeof loader>();
  const tag = statusTag(run.status);
  const time = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone });
  const counts: [string, number][] = [
    ["Rows read", run.rowsRead],
    ["Inserted", run.inserted],
    ["Updated", run.updated],
    ["Unchanged", run.unchanged],
    ["Rejected", run.rejected],
  ];
  const firstLine = (page - 1) * pageSize;
  return (
    <>
      <p className="cs-no-print">
        <Link to="/imports">← All imports</Link>
      </p>
      <h1>
        {run.fileName} <span className={tag.className}>{tag.label}</span>
      </h1>
      {run.error ? (
        <div className="usa-alert usa-alert--error" role="alert">
          <div className="usa-alert__body">
            <h2 className="usa-alert__heading">Nothing from this file was kept</h2>
            <p className="usa-alert__text">{run.error}</p>
          </div>
        </div>
      ) : null}
      <ul className="cs-kpis" aria-label="Row counts">
        {counts.map(([label, value]) => (
          <li key={label} className="cs-kpi">
            <div className="cs-kpi__label">{label}</div>
            <div className="cs-kpi__value">{value.toLocaleString("en-US")}</div>
          </li>
        ))}
      </ul>
      <table className="usa-table usa-table--borderless usa-table--compact">
        <caption className="usa-sr-only">About this run</caption>
        <tbody>
          <tr>
            <th scope="row">Kind</th>
            <td>{run.kind}</td>
          </tr>
          <tr>
            <th scope="row">SHA-256</th>
            <td>
              <code className="font-mono-2xs">{run.sha256 || "—"}</code>
            </td>
          </tr>
          <tr>
            <th scope="row">Started</th>
            <td>
              <time dateTime={run.startedAt}>{time.format(new Date(run.startedAt))}</time>
            </td>
          </tr>
          <tr>
            <th scope="row">Duration</th>
            <td>{formatDurationMs(run.durationMs)}</td>
          </tr>
          <tr>
            <th scope="row">By</th>
            <td>{run.actorLabel ?? NOT_UPLOADED}</td>
          </tr>
        </tbody>
      </table>

      <h2 id="rejects">Rejected rows</h2>
      {total === 0 ? (
        <p>No row was rejected.</p>
      ) : (
        <>
          <p>
            {total.toLocaleString("en-US")} rejected {total === 1 ? "row" : "rows"}
            {pages > 1 ? `; page ${page} of ${pages}` : ""}. Line numbers are physical lines of the file (the header is line 1).
          </p>
          <div className="cs-table-wrap">
            <table className="usa-table usa-table--striped usa-table--compact">
              <caption className="usa-sr-only">
                Rejected rows {firstLine + 1}–{firstLine + rejects.length} of {total}
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="text-right">Line</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {rejects.map((r, i) => (
                  <tr key={`${r.line}-${i}`}>
                    <td className="text-right">{r.line}</td>
                    <td>
                      {r.reason}
                      {r.raw ? (
                        <>
                          <br />
                          <code className="cs-muted">{r.raw}</code>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages > 1 ? (
            <nav aria-label="Pages of rejected rows" className="cs-no-print">
              {page > 1 ? (
                <Link className="usa-button usa-button--outline" to={`?page=${page - 1}#rejects`}>
                  Previous page
                </Link>
              ) : null}
              {page < pages ? (
                <Link className="usa-button usa-button--outline" to={`?page=${page + 1}#rejects`}>
                  Next page
                </Link>
              ) : null}
            </nav>
          ) : null}
        </>
      )}
    </>
  );
}
