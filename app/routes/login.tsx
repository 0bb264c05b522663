import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { loginSchema, parseFields } from "~/auth/forms.server";
import { INVALID_CREDENTIALS, signIn } from "~/auth/login.server";
import { clientIp } from "~/auth/request-context.server";
import { getOptionalUser, safeRedirectTo } from "~/auth/require.server";
import { formatRetryAt } from "~/auth/retry-at.server";
import { Field } from "~/auth/field";

export const meta: MetaFunction = () => [{ title: "Sign in · CompStat 311" }];

/** Carries the action's Retry-After (a throttled sign-in) onto the page's response. */
export const headers: HeadersFunction = ({ actionHeaders, parentHeaders }) => {
  const headers = new Headers(parentHeaders);
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getOptionalUser(request);
  if (viewer) throw redirect(safeRedirectTo(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

type LoginActionData = { fieldErrors: Record<string, string>; formError: string | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseFields(loginSchema, await request.formData());
  if (!parsed.ok) return data<LoginActionData>({ fieldErrors: parsed.fieldErrors, formError: null }, { status: 400 });
  const db = await getDb();
  const result = await signIn(db, { ...parsed.data, ip: clientIp(context) });
  if (result.kind === "throttled") {
    const seconds = Math.max(1, Math.ceil((result.retryAt.getTime() - Date.now()) / 1000));
    return data<LoginActionData>(
      {
        fieldErrors: {},
        formError: `Too many failed sign-in attempts. Try again after ${formatRetryAt(result.retryAt)}.`,
      },
      { status: 429, headers: { "Retry-After": String(seconds) } },
    );
  }
  if (result.kind === "invalid") return data<LoginActionData>({ fieldErrors: {}, formError: INVALID_CREDENTIALS }, { status: 401 });
  throw redirect(safeRedirectTo(parsed.data.redirectTo), { headers: { "Set-Cookie": result.setCookie } });
}

export default function Login() {
  const actionData = useActionData<LoginActionData>();
  const [searchParams] = useSearchParams();
  const submitting = useNavigation().state === "submitting";
  const errors = actionData?.fieldErrors ?? {};
  return (
    <div className="grid-row">
      <div className="tablet:grid-col-6">
        <h1>Sign in</h1>
        {actionData?.formError ? (
          <div className="usa-alert usa-alert--error usa-alert--slim" role="alert">
            <div className="usa-alert__body">
              <p className="usa-alert__text">{actionData.formError}</p>
            </div>
          </div>
        ) : null}
        <Form method="post" className="usa-form" noValidate>
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
          <Field name="email" label="Email" type="email" autoComplete="username" error={errors.email} />
          <Field name="password" label="Password" type="password" autoComplete="current-password" error={errors.password} />
          <button className="usa-button" type="submit" disabled={submitting}>
            {submitting ? "Signing in…" : "Sign in"}
          </button>
        </Form>
      </div>
    </div>
  );
}
