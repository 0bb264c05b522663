import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import uswds from "@uswds/uswds/css/uswds.min.css";
import appStyles from "~/styles/app.css";
import { AppShell, type ShellUser } from "~/components/app-shell";
import { navFor } from "~/auth/nav";
import { useNonce } from "~/auth/nonce";
import { getOptionalUser } from "~/auth/require.server";

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "stylesheet", href: uswds },
  { rel: "stylesheet", href: appStyles },
];

export const meta: MetaFunction = () => [{ title: "CompStat 311" }];

/** The signed-in user for the shell; pages still guard themselves with require…(). */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getOptionalUser(request);
  const user: ShellUser | null = viewer ? { email: viewer.email, name: viewer.name, role: viewer.role } : null;
  return { user };
}

// Pages are per-user: no shared cache may keep one person's page for another.
export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const headers = new Headers(loaderHeaders);
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "private, no-store");
  return headers;
};

function useShellUser(): ShellUser | null {
  return (useRouteLoaderData("root") as { user: ShellUser | null } | undefined)?.user ?? null;
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const user = useShellUser();
  return (
    <AppShell user={user} nav={navFor(user?.role)}>
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const title =
    status === 404 ? "Page not found" : status === 403 ? "Not allowed" : status === 401 ? "Please sign in" : "Something went wrong";
  const detail = isRouteErrorResponse(error)
    ? typeof error.data === "string"
      ? error.data
      : ""
    : "The error has been logged. Try again, or tell the 311 data team what you were doing.";
  const user = useShellUser();
  return (
    <AppShell user={user} nav={navFor(user?.role)}>
      <div className="usa-alert usa-alert--error" role="alert">
        <div className="usa-alert__body">
          <h1 className="usa-alert__heading">
            {status} · {title}
          </h1>
          {detail ? <p className="usa-alert__text">{detail}</p> : null}
          <p className="usa-alert__text">
            <a href="/">Back to the citywide scorecard</a>
          </p>
        </div>
      </div>
    </AppShell>
  );
}
