/**
 * Who may reach every route of the app, in one table. The access-matrix test
 * (tests/integration/access-matrix.test.ts) reads the route manifest, fails for any route not
 * listed here, and asserts for each route × role × own/other department the status the server
 * answers. The table does not grant anything — the route's own require…() does; it states what
 * the server must do so a test can hold it to that.
 *
 * When you add a route, add its id (the file name under app/routes without extension, e.g.
 * `routes/departments.$departmentId`) with one of:
 * - `public`: anyone, signed in or not;
 * - `signed-in`: any signed-in user (anonymous: redirect to /login, or 401 under /api/);
 * - `permission`: a role without it gets 403;
 * - `department`: as `permission`, and a department head outside the department named by the
 *   URL parameter `param` gets 404.
 * `sample` fills any other URL parameter (`$user` stands for an existing user's id) and `query`
 * the query string, so the test can call the route; `status` is what an allowed GET answers when that is not 200.
 */
import type { Permission } from "./permissions";

type Common = {
  /** Values for URL parameters; `$user` stands for the id of an existing user. */
  sample?: Record<string, string>;
  query?: string;
  status?: number;
};

export type RouteAccess = Common &
  (
    | { access: "public" }
    | { access: "signed-in" }
    | { access: "permission"; permission: Permission }
    | { access: "department"; permission: Permission; param: string }
  );

export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  root: { access: "public" },
  "routes/healthz": { access: "public" },
  "routes/login": { access: "public" },
  "routes/logout": { access: "public", status: 302 },
  "routes/account.password": { access: "signed-in" },
  "routes/definitions": { access: "signed-in" },
  "routes/_index": { access: "permission", permission: "read:scorecard:own" },
  "routes/departments.$departmentId": { access: "department", permission: "read:scorecard:own", param: "departmentId" },
  "routes/admin.users._index": { access: "permission", permission: "update:user:any" },
  "routes/admin.users.$userId": { access: "permission", permission: "update:user:any", sample: { userId: "$user" } },
  "routes/admin.audit": { access: "permission", permission: "read:audit:any" },
  "routes/admin.audit[.]csv": { access: "permission", permission: "read:audit:any" },
};
