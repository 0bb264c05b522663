/**
 * Every route of the app × every role (and anonymous) × own/other department: the status the
 * server answers, against the one table of app/auth/route-access.ts. A route missing from the
 * table fails this test, so no new route can escape it.
 */
import { ROUTE_ACCESS, type RouteAccess } from "~/auth/route-access";
import { can, ROLES, type Role } from "~/auth/permissions";
import { sourceRouteIds, startTestApp, type TestApp } from "./auth-harness";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

type Actor = Role | null;
type Case = { routeId: string; method: "GET" | "POST"; actor: Actor; department: "own" | "other" | null; url: string };

/** The URL path of a route: its own path joined to its parents'. */
function fullPath(routeId: string): string | null {
  const routes = app.build.routes;
  const parts: string[] = [];
  let route = routes[routeId];
  const isPage = route.path !== undefined || route.index;
  if (!isPage) return null;
  while (route) {
    if (route.path) parts.unshift(route.path);
    route = route.parentId ? routes[route.parentId] : (undefined as never);
  }
  return `/${parts.join("/")}`;
}

function fillParams(pattern: string, access: RouteAccess, departmentId: number | null): string {
  return pattern.replace(/:(\w+)\??|\*/g, (match, name: string | undefined) => {
    if (access.access === "department" && name === access.param) return String(departmentId);
    const value = access.sample?.[name ?? "*"];
    if (value === undefined) throw new Error(`route pattern ${pattern}: give a sample for "${match}" in ROUTE_ACCESS`);
    if (value === "$user") return app.userIds.admin;
    if (value === "$importRun") return String(app.importRunId);
    return value;
  });
}

function isApi(url: string) {
  return url.startsWith("/api/");
}

/** What the server must answer; `ok` means an allowed request (a GET with the route's status, a POST that was not refused). */
function expected(access: RouteAccess, c: Case): number | "ok" | "to-login" {
  if (access.access === "public") return "ok";
  if (c.actor === null) return isApi(c.url) ? 401 : "to-login";
  if (access.access === "signed-in") return "ok";
  const permission = c.method === "POST" && access.actionPermission ? access.actionPermission : access.permission;
  if (!can(c.actor, permission)) return 403;
  if (access.access === "department" && c.department === "other" && c.actor === "dept_head") return 404;
  return "ok";
}

function check(access: RouteAccess, c: Case, res: Response): string | null {
  const want = expected(access, c);
  const got = res.status;
  if (want === "to-login") {
    const location = res.headers.get("Location") ?? "";
    return got === 302 && location.startsWith("/login") ? null : `want redirect to /login, got ${got} ${location}`;
  }
  if (want === "ok") {
    if (c.method === "GET") {
      const status = (c.actor ? access.signedInStatus : undefined) ?? access.status ?? 200;
      return got === status ? null : `want ${status}, got ${got}`;
    }
    return got < 500 && ![401, 403, 404].includes(got) ? null : `want the action to run (not 401/403/404/5xx), got ${got}`;
  }
  return got === want ? null : `want ${want}, got ${got}`;
}

test("the route table classifies exactly the routes of the app", () => {
  const built = Object.keys(app.build.routes).sort();
  expect(built, "build/ is stale: rebuild with `flock /tmp/build.lock npx remix build`").toEqual(sourceRouteIds());
  const unclassified = built.filter((id) => !(id in ROUTE_ACCESS));
  expect(unclassified, "classify these routes in app/auth/route-access.ts").toEqual([]);
  const stale = Object.keys(ROUTE_ACCESS).filter((id) => !(id in app.build.routes));
  expect(stale, "remove these entries from app/auth/route-access.ts: no such route").toEqual([]);
});

test("every route answers every role as the table says", async () => {
  const cases: Case[] = [];
  for (const [routeId, route] of Object.entries(app.build.routes)) {
    const access = ROUTE_ACCESS[routeId];
    // The root loader runs under every page; it has no URL of its own.
    const pattern = routeId === "root" ? null : fullPath(routeId);
    if (!access || pattern === null) continue;
    const methods = [route.module.loader ? "GET" : null, route.module.action ? "POST" : null].filter(Boolean) as Case["method"][];
    const departmentsToTry = access.access === "department" ? (["own", "other"] as const) : [null];
    for (const method of methods) {
      for (const actor of [null, ...ROLES] as Actor[]) {
        for (const department of departmentsToTry) {
          const id = department === null ? null : app.departments[department];
          const url = fillParams(pattern, access, id) + (access.query ? `?${access.query}` : "");
          cases.push({ routeId, method, actor, department, url });
        }
      }
    }
  }
  expect(cases.length).toBeGreaterThan(0);

  const failures: string[] = [];
  for (const c of cases) {
    // A fresh session per request: POST /logout ends the one it is sent with.
    const cookie = c.actor ? await app.newSessionCookie(c.actor) : undefined;
    const res = await app.fetch(c.url, { method: c.method, cookie, body: c.method === "POST" ? new URLSearchParams() : undefined });
    await res.arrayBuffer();
    const problem = check(ROUTE_ACCESS[c.routeId], c, res);
    if (problem) failures.push(`${c.method} ${c.url} as ${c.actor ?? "anonymous"}${c.department ? ` (${c.department} department)` : ""}: ${problem}`);
  }
  expect(failures).toEqual([]);
});

test("the scorecard API gives a department head only their departments", async () => {
  const get = async (role: Role) => {
    const res = await app.fetch("/api/scorecard?from=2026-01-01&to=2026-02-01", { role });
    expect(res.status).toBe(200);
    return ((await res.json()) as { departments: { name: string }[] }).departments.map((d) => d.name).sort();
  };
  expect(await get("dept_head")).toEqual(["Streets and Sanitation"]);
  expect(await get("staff_311")).toEqual(["Streets and Sanitation", "Water Management"]);
  expect((await app.fetch("/api/scorecard?from=2026-01-01&to=2026-02-01", { role: null })).status).toBe(401);
});

test("client-side navigation (single-fetch .data requests) is scoped the same way", async () => {
  const other = `/departments/${app.departments.other}.data`;
  const own = `/departments/${app.departments.own}.data`;
  const asHead = await app.fetch(other, { role: "dept_head" });
  expect(asHead.status).toBe(404);
  expect(await asHead.text()).not.toContain("Water Management");
  expect((await app.fetch(own, { role: "dept_head" })).status).toBe(200);
  expect((await app.fetch(other, { role: "staff_311" })).status).toBe(200);
  expect((await app.fetch("/admin/users.data", { role: "dept_head" })).status).toBe(403);
});
