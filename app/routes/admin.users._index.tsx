import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { createUserFromForm, type AdminActionResult } from "~/auth/admin-users.server";
import { Field } from "~/auth/field";
import { PASSWORD_MIN_LENGTH } from "~/auth/password-policy";
import { ROLE_LABELS, ROLES } from "~/auth/permissions";
import { requirePermission } from "~/auth/require.server";
import { listDepartmentChoices, listUsers } from "~/auth/users.server";
import { DepartmentChoices, RoleChoices } from "~/auth/user-fields";

export const meta: MetaFunction = () => [{ title: "Users · CompStat 311" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "update:user:any");
  const db = await getDb();
  return { users: await listUsers(db), departments: await listDepartmentChoices(db) };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "update:user:any");
  const result = await createUserFromForm(viewer, await request.formData());
  return data<AdminActionResult>(result, { status: result.ok ? 200 : 400 });
}

export default function Users() {
  const { users, departments } = useLoaderData<typeof loader>();
  const result = useActionData<AdminActionResult>();
  const errors = result && !result.ok ? result.fieldErrors : {};
  return (
    <>
      <h1>Users</h1>
      <div className="cs-table-wrap">
        <table className="usa-table usa-table--striped">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Departments</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link to={`/admin/users/${u.id}`}>{u.email}</Link>
                </td>
                <td>{u.name}</td>
                <td>{ROLE_LABELS[u.role]}</td>
                <td>{u.departments.map((d) => d.name).join(", ") || "—"}</td>
                <td>{u.disabled ? "Disabled" : "Active"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Add a user</h2>
      {result?.ok ? (
        <div className="usa-alert usa-alert--success usa-alert--slim" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{result.message}</p>
          </div>
        </div>
      ) : null}
      <Form method="post" className="usa-form usa-form--large" noValidate>
        <Field name="email" label="Email" type="email" autoComplete="off" error={errors.email} />
        <Field name="name" label="Name" autoComplete="off" error={errors.name} />
        <Field
          name="password"
          label={`Initial password (at least ${PASSWORD_MIN_LENGTH} characters)`}
          type="password"
          autoComplete="new-password"
          error={errors.password}
        />
        <RoleChoices roles={ROLES} error={errors.role} />
        <DepartmentChoices departments={departments} selected={[]} error={errors.departmentIds} />
        <button className="usa-button" type="submit">
          Add user
        </button>
      </Form>
    </>
  );
}
