import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { notFound, requirePermission, viewerScope } from "~/auth/require.server";
import { listDepartmentChoices } from "~/auth/users.server";
import { mapOutcomeFromForm, type MapOutcomeResult } from "~/data-quality/mapping.server";
import { listOutcomeMappings } from "~/data-quality/queries.server";
import { OUTCOME_CATEGORIES, OUTCOME_LABELS, isOutcomeCategory } from "~/metrics/outcomes";

export const meta: MetaFunction = () => [{ title: "Outcome mappings · CompStat 311" }];

// Managing mappings is the administrator's (DESIGN §2); the page and its action ask the same.
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "update:outcome_mapping:any");
  const db = await getDb();
  const [mappings, departments] = await Promise.all([listOutcomeMappings(db, { scope: viewerScope(viewer) }), listDepartmentChoices(db)]);
  return { mappings, departments };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "update:outcome_mapping:any");
  const result = await mapOutcomeFromForm(await getDb(), viewer, await request.formData());
  if (!result.ok && result.status === 404) throw notFound(result.fieldErrors.departmentId);
  return data<MapOutcomeResult>(result, { status: result.ok ? 200 : 400 });
}

export default function OutcomeMappings() {
  const { mappings, departments } = useLoaderData<typeof loader>();
  const result = useActionData<MapOutcomeResult>();
  const errors = result && !result.ok ? result.fieldErrors : {};
  const saving = useNavigation().state === "submitting";
  return (
    <>
      <p className="cs-no-print">
        <Link to="/data-quality">← Data quality</Link>
      </p>
      <h1>Outcome mappings</h1>
      <p className="cs-lede">
        How each department's raw work-order outcomes count in the outcome mix. A department's own mapping wins over the city-wide
        one; outcomes match trimmed and in any case. Every change is in the <Link to="/admin/audit?entityType=outcome_mapping">audit log</Link>.
      </p>
      {result?.ok ? (
        <div className="usa-alert usa-alert--success usa-alert--slim" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{result.message}</p>
          </div>
        </div>
      ) : null}

      <h2>Map a raw outcome</h2>
      <Form method="post" className="usa-form usa-form--large" noValidate>
        <div className={`usa-form-group${errors.rawOutcome ? " usa-form-group--error" : ""}`}>
          <label className="usa-label" htmlFor="rawOutcome">
            Raw outcome, as the department writes it
          </label>
          {errors.rawOutcome ? (
            <span className="usa-error-message" id="rawOutcome-error" role="alert">
              {errors.rawOutcome}
            </span>
          ) : null}
          <input className="usa-input" id="rawOutcome" name="rawOutcome" maxLength={500} aria-describedby={errors.rawOutcome ? "rawOutcome-error" : undefined} />
        </div>
        <div className={`usa-form-group${errors.departmentId ? " usa-form-group--error" : ""}`}>
          <label className="usa-label" htmlFor="departmentId">
            Applies to
          </label>
          {errors.departmentId ? (
            <span className="usa-error-message" id="departmentId-error" role="alert">
              {errors.departmentId}
            </span>
          ) : null}
          <select className="usa-select" id="departmentId" name="departmentId" defaultValue="" aria-describedby={errors.departmentId ? "departmentId-error" : undefined}>
            <option value="">Every department</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <div className={`usa-form-group${errors.category ? " usa-form-group--error" : ""}`}>
          <label className="usa-label" htmlFor="category">
            Category
          </label>
          {errors.category ? (
            <span className="usa-error-message" id="category-error" role="alert">
              {errors.category}
            </span>
          ) : null}
          <select className="usa-select" id="category" name="category" defaultValue="" aria-describedby={errors.category ? "category-error" : undefined}>
            <option value="" disabled>
              - Select -
            </option>
            {OUTCOME_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {OUTCOME_LABELS[c]}
              </option>
            ))}
          </select>
        </div>
        <button className="usa-button" type="submit" disabled={saving}>
          {saving ? "Saving and recalculating…" : "Save mapping"}
        </button>
      </Form>

      <h2>Mappings in force</h2>
      {mappings.length === 0 ? (
        <p>No outcome is mapped yet: every raw outcome counts as “other”.</p>
      ) : (
        <div className="cs-table-wrap">
          <table className="usa-table usa-table--striped usa-table--compact">
            <caption className="usa-sr-only">Outcome mappings, city-wide first</caption>
            <thead>
              <tr>
                <th scope="col">Applies to</th>
                <th scope="col">Raw outcome</th>
                <th scope="col">Category</th>
                <th scope="col">Last changed (UTC)</th>
              </tr>
            </thead>
            <tbody>
              {mappings.map((m) => (
                <tr key={m.id}>
                  <td>{m.department ?? <em>Every department</em>}</td>
                  <th scope="row">{m.rawOutcome}</th>
                  <td>{isOutcomeCategory(m.category) ? OUTCOME_LABELS[m.category] : m.category}</td>
                  <td>
                    <time dateTime={m.updatedAt}>{m.updatedAt.replace("T", " ").replace("Z", "")}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
