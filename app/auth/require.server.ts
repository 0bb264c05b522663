/**
 * The guards every loader and action starts with. The UI hides what a role cannot do; these
 * decide. A missing sign-in is 401 (a redirect to /login for pages), a missing permission 403,
 * and a department outside the viewer's scope 404, so that its existence is not revealed.
 */
import { redirect } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { ALL_DEPARTMENTS, canSeeDepartment, departmentsScope, type Scope } from "./scope";
import { can, seesAllDepartments, type Permission, type Viewer } from "./permissions";
import { readSessionId, viewerForSession } from "./session.server";

export type { Viewer } from "./permissions";

function isApiRequest(request: Request) {
  return new URL(request.url).pathname.startsWith("/api/");
}

/**
 * Remix hands the same Request to the root loader and the page's loaders, so one validation
 * (one round trip, one sliding update) serves them all.
 */
const viewerByRequest = new WeakMap<Request, Promise<Viewer | null>>();

export function getOptionalUser(request: Request): Promise<Viewer | null> {
  let viewer = viewerByRequest.get(request);
  if (!viewer) {
    viewer = getDb().then((db) => {
      const sessionId = readSessionId(db, request);
      return sessionId ? viewerForSession(db, sessionId) : null;
    });
    viewerByRequest.set(request, viewer);
  }
  return viewer;
}

/** Where sign-in should send the user back to: a path on this site, never another origin. */
export function safeRedirectTo(value: unknown, fallback = "/"): string {
  // Browsers drop tabs and newlines from URLs, so "/\t/evil.example" would become "//evil.example".
  if (
    typeof value !== "string" ||
    !value.startsWith("/") ||
    value.startsWith("//") ||
    value.includes("\\") ||
    [...value].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)
  ) {
    return fallback;
  }
  return value;
}

export async function requireUser(request: Request): Promise<Viewer> {
  const viewer = await getOptionalUser(request);
  if (viewer) return viewer;
  if (isApiRequest(request)) {
    throw Response.json({ error: "Sign in required" }, { status: 401, headers: { "WWW-Authenticate": "Session" } });
  }
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  throw redirect(redirectTo === "/" ? "/login" : `/login?${new URLSearchParams({ redirectTo })}`);
}

export function forbidden(request: Request): Response {
  return isApiRequest(request)
    ? Response.json({ error: "Not allowed" }, { status: 403 })
    : new Response("Your role does not include this page.", { status: 403 });
}

export function notFound(message = "Not found"): Response {
  return new Response(message, { status: 404 });
}

export async function requirePermission(request: Request, permission: Permission): Promise<Viewer> {
  const viewer = await requireUser(request);
  if (!can(viewer.role, permission)) throw forbidden(request);
  return viewer;
}

/** What part of the city the viewer's reads are limited to; pass it to every data-access function. */
export function viewerScope(viewer: Viewer): Scope {
  return seesAllDepartments(viewer.role) ? ALL_DEPARTMENTS : departmentsScope(viewer.departmentIds);
}

/** Throws 404 when the department is outside the viewer's scope (or not a department id at all). */
export function requireDepartmentAccess(viewer: Viewer, departmentId: number): void {
  if (!Number.isInteger(departmentId) || !canSeeDepartment(viewerScope(viewer), departmentId)) {
    throw notFound("No such department.");
  }
}
