import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { actorFromViewer } from "~/audit/log.server";
import { Field } from "~/auth/field";
import { changePasswordSchema, parseFields } from "~/auth/forms.server";
import { PASSWORD_MIN_LENGTH } from "~/auth/password-policy";
import { requireUser } from "~/auth/require.server";
import { changeOwnPassword } from "~/auth/users.server";

export const meta: MetaFunction = () => [{ title: "Change my password · CompStat 311" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

type ActionData = { fieldErrors: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireUser(request);
  const parsed = parseFields(changePasswordSchema, await request.formData());
  if (!parsed.ok) return data<ActionData>({ fieldErrors: parsed.fieldErrors }, { status: 400 });
  const db = await getDb();
  const result = await changeOwnPassword(db, { ...actorFromViewer(viewer), userId: viewer.id }, parsed.data);
  if (!result.ok) return data<ActionData>({ fieldErrors: { [result.field]: result.message } }, { status: 400 });
  throw redirect("/account/password?changed=1", { headers: { "Set-Cookie": result.setCookie } });
}

export default function ChangePassword() {
  const actionData = useActionData<ActionData>();
  const [searchParams] = useSearchParams();
  const errors = actionData?.fieldErrors ?? {};
  return (
    <div className="grid-row">
      <div className="tablet:grid-col-6">
        <h1>Change my password</h1>
        {searchParams.get("changed") ? (
          <div className="usa-alert usa-alert--success usa-alert--slim" role="status">
            <div className="usa-alert__body">
              <p className="usa-alert__text">Password changed. Every other session of yours has been signed out.</p>
            </div>
          </div>
        ) : null}
        <Form method="post" className="usa-form" noValidate>
          <Field name="currentPassword" label="Current password" type="password" autoComplete="current-password" error={errors.currentPassword} />
          <Field
            name="newPassword"
            label={`New password (at least ${PASSWORD_MIN_LENGTH} characters)`}
            type="password"
            autoComplete="new-password"
            error={errors.newPassword}
          />
          <Field name="confirmPassword" label="Repeat the new password" type="password" autoComplete="new-password" error={errors.confirmPassword} />
          <button className="usa-button" type="submit">
            Change password
          </button>
        </Form>
      </div>
    </div>
  );
}
