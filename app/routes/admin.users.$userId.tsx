import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { changeUserFromForm, parseUserId, requireUserSummary, type AdminActionResult } from "~/auth/admin-users.server";
import { Field } from "~/auth/field";
import { PASSWORD_MIN_LENGTH } from "~/auth/password-policy";
import { ROLE_LABELS, ROLES } from "~/auth/permissions";
import { requirePermission } from "~/auth/require.server";
import { listDepartmentChoices } from "~/auth/users.server";
import { DepartmentChoices, RoleChoices } from "~/auth/user-fields";

export const meta: MetaFunction = () => [{ title: "Edit user · CompStat 311" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "update:user:any");
  const user = await requireUserSummary(parseUserId(params.userId));
  return { user, self: user.id === viewer.id, departments: await listDepartmentChoices(await getDb()) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "update:user:any");
  const id = parseUserId(params.userId);
  await requireUserSummary(id);
  const result = await changeUserFromForm(viewer, id, await request.formData());
  return data<AdminActionResult>(result, { status: result.ok ? 200 : 400 });
}

export default function EditUser() {
  const { user, self, departments } = useLoaderData<typeof loader>();
  const result = useActionData<AdminActionResult>();
  const errors = result && !result.ok ? result.fieldErrors : {};
  return (
    <>
      <p>
        <Link to="/admin/users">All users</Link>
      </p>
      <h1>{user.email}</h1>
      <p>
        {user.name} · {ROLE_LABELS[user.role]} · {user.disabled ? "Disabled" : "Active"}
      </p>
      {result?.ok ? (
        <div className="usa-alert usa-alert--success usa-alert--slim" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{result.message}</p>
          </div>
        </div>
      ) : errors.form || errors.disabled ? (
        <div className="usa-alert usa-alert--error usa-alert--slim" role="alert">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{errors.form ?? errors.disabled}</p>
          </div>
        </div>
      ) : null}
      <h2>Role and departments</h2>
      <Form method="post" className="usa-form usa-form--large" noValidate key={`${user.role}-${user.departments.length}`}>
        <input type="hidden" name="intent" value="access" />
        <RoleChoices roles={ROLES} value={user.role} error={errors.role} />
        <DepartmentChoices departments={departments} selected={user.departments.map((d) => d.id)} error={errors.departmentIds} />
        <button className="usa-button" type="submit">
          Save role and departments
        </button>
      </Form>
      <h2>Reset password</h2>
      <Form method="post" className="usa-form" noValidate>
        <input type="hidden" name="intent" value="reset-password" />
        <Field
          name="password"
          label={`New password (at least ${PASSWORD_MIN_LENGTH} characters)`}
          type="password"
          autoComplete="new-password"
          error={errors.password}
        />
        <button className="usa-button usa-button--secondary" type="submit">
          Reset password
        </button>
      </Form>
      {self ? null : (
        <>
          <h2>{user.disabled ? "Enable account" : "Disable account"}</h2>
          <Form method="post">
            <input type="hidden" name="intent" value="set-disabled" />
            <input type="hidden" name="disabled" value={user.disabled ? "false" : "true"} />
            <button className={`usa-button ${user.disabled ? "" : "usa-button--secondary"}`} type="submit">
              {user.disabled ? "Enable this account" : "Disable this account and sign it out"}
            </button>
          </Form>
        </>
      )}
    </>
  );
}
