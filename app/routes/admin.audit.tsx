import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { parseAuditFilter } from "~/audit/filter.server";
import { getAuditEntityTypes, getAuditPage } from "~/audit/queries.server";
import { requirePermission } from "~/auth/require.server";

export const meta: MetaFunction = () => [{ title: "Audit log · CompStat 311" }];

type Row = {
  id: number;
  at: string;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
};
type LoaderData = {
  rows: Row[];
  hasMore: boolean;
  page: number;
  entityTypes: string[];
  query: string;
  values: Record<string, string>;
  fieldErrors: Record<string, string>;
};

const pretty = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v, null, 1));

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:audit:any");
  const url = new URL(request.url);
  const values = Object.fromEntries(url.searchParams);
  const db = await getDb();
  const entityTypes = await getAuditEntityTypes(db);
  const parsed = parseAuditFilter(url);
  if (!parsed.ok) {
    return data<LoaderData>(
      { rows: [], hasMore: false, page: 1, entityTypes, query: "", values, fieldErrors: parsed.fieldErrors },
      { status: 400 },
    );
  }
  const { page, ...filter } = parsed.data;
  const { rows, hasMore } = await getAuditPage(db, filter, page);
  const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => !!e[1])).toString();
  return data<LoaderData>({
    rows: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorLabel: r.actorLabel,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      before: pretty(r.before),
      after: pretty(r.after),
    })),
    hasMore,
    page,
    entityTypes,
    query,
    values,
    fieldErrors: {},
  });
}

const timeFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

export default function AuditLog() {
  const { rows, hasMore, page, entityTypes, query, values, fieldErrors } = useLoaderData<LoaderData>();
  const pageLink = (p: number) => `?${new URLSearchParams([...new URLSearchParams(query), ["page", String(p)]])}`;
  return (
    <>
      <h1>Audit log</h1>
      <p className="cs-muted">Every change to users and roles, outcome mappings, SLA targets, imports and reviews. Entries cannot be edited or deleted.</p>
      <Form method="get" className="usa-form usa-form--large cs-no-print" aria-label="Filter the audit log">
        <div className="grid-row grid-gap">
          <div className="tablet:grid-col-3">
            <label className="usa-label" htmlFor="entityType">
              Entity
            </label>
            <select className="usa-select" id="entityType" name="entityType" defaultValue={values.entityType ?? ""}>
              <option value="">All</option>
              {entityTypes.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </div>
          <FilterInput name="entityId" label="Entity id" values={values} errors={fieldErrors} />
          <FilterInput name="actor" label="Who (email contains)" values={values} errors={fieldErrors} />
          <FilterInput name="from" label="From (date)" type="date" values={values} errors={fieldErrors} />
          <FilterInput name="to" label="To (date, inclusive)" type="date" values={values} errors={fieldErrors} />
        </div>
        <button className="usa-button" type="submit">
          Filter
        </button>
        <a className="usa-button usa-button--outline" href={`/admin/audit.csv${query ? `?${query}` : ""}`} download>
          Download CSV
        </a>
      </Form>
      <div className="cs-table-wrap">
        <table className="usa-table usa-table--striped usa-table--compact">
          <caption>Newest first; times in UTC.</caption>
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Entity</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={6}>No entries match.</td>
              </tr>
            ) : (
              rows.map((r) => (
                <tr key={r.id}>
                  <td>{timeFormat.format(new Date(r.at))}</td>
                  <td>{r.actorLabel}</td>
                  <td>{r.action}</td>
                  <td>
                    {r.entityType}
                    {r.entityId ? ` ${r.entityId}` : ""}
                  </td>
                  <td>{r.before ? <pre className="margin-0 font-mono-3xs">{r.before}</pre> : "—"}</td>
                  <td>{r.after ? <pre className="margin-0 font-mono-3xs">{r.after}</pre> : "—"}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <nav aria-label="Audit log pages" className="cs-no-print">
        {page > 1 ? <Link to={pageLink(page - 1)}>Newer entries</Link> : null} {hasMore ? <Link to={pageLink(page + 1)}>Older entries</Link> : null}
      </nav>
    </>
  );
}

function FilterInput({
  name,
  label,
  type = "text",
  values,
  errors,
}: {
  name: string;
  label: string;
  type?: string;
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const error = errors[name];
  return (
    <div className={`tablet:grid-col-2${error ? " usa-form-group--error" : ""}`}>
      <label className="usa-label" htmlFor={name}>
        {label}
      </label>
      {error ? (
        <span className="usa-error-message" id={`${name}-error`}>
          {error}
        </span>
      ) : null}
      <input
        className="usa-input"
        id={name}
        name={name}
        type={type}
        defaultValue={values[name] ?? ""}
        aria-describedby={error ? `${name}-error` : undefined}
      />
    </div>
  );
}
