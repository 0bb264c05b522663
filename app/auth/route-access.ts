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
 * `sample` fills any other URL parameter (`$user`, `$importRun`: the id of an existing one) and `query`
 * the query string, so the test can call the route; `status` is what an allowed GET answers when that is not 200.
 */
import type { Permission } from "./permissions";

type Common = {
  /** What the route's action needs when it differs from what its loader needs. */
  actionPermission?: Permission;
  /** Values for URL parameters; `$user` and `$importRun` stand for the id of an existing one. */
  sample?: Record<string, string>;
  query?: string;
  status?: number;
  /** What an allowed GET answers a signed-in user when it differs from `status`. */
  signedInStatus?: number;
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
  // A signed-in user asking for the sign-in page is sent on to where they were going.
  "routes/login": { access: "public", signedInStatus: 302 },
  "routes/logout": { access: "public", status: 302 },
  "routes/account.password": { access: "signed-in" },
  "routes/definitions": { access: "signed-in" },
  "routes/_index": { access: "permission", permission: "read:scorecard:own" },
  "routes/departments.$departmentId": { access: "department", permission: "read:scorecard:own", param: "departmentId" },
  "routes/departments.$departmentId_.trends": { access: "department", permission: "read:scorecard:own", param: "departmentId" },
  "routes/departments.$departmentId_.trends[.]csv": {
    access: "department",
    permission: "read:scorecard:own",
    param: "departmentId",
    query: "chart=median-days&grain=month",
  },
  "routes/api.scorecard": { access: "permission", permission: "read:scorecard:own", query: "from=2026-01-01&to=2026-02-01" },
  "routes/data-quality._index": { access: "permission", permission: "read:scorecard:own" },
  "routes/data-quality.mappings": { access: "permission", permission: "update:outcome_mapping:any" },
  "routes/imports._index": { access: "permission", permission: "read:import:any", actionPermission: "run:import:any" },
  "routes/imports.$runId": { access: "permission", permission: "read:import:any", sample: { runId: "$importRun" } },
  "routes/admin.users._index": { access: "permission", permission: "update:user:any" },
  "routes/admin.users.$userId": { access: "permission", permission: "update:user:any", sample: { userId: "$user" } },
  "routes/admin.audit": { access: "permission", permission: "read:audit:any" },
  "routes/admin.audit[.]csv": { access: "permission", permission: "read:audit:any" },
};
