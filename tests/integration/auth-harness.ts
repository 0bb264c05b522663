/**
 * The built app, called in-process through Remix's request handler against a fresh test
 * database holding two departments and the demo user of each role. Shared by the auth tests.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { UNSAFE_flatRoutes as flatRoutes } from "@remix-run/dev";
import { departments, importRuns, users } from "#db/schema";
import type { DbHandle } from "#db/client.server";
import { createTestDb } from "../setup/db";
import { seedDemoUsers } from "~/auth/demo-users.server";
import type { Role } from "~/auth/permissions";
import { startSession } from "~/auth/session.server";
import remixConfig from "../../remix.config.js";

export const ORIGIN = "http://compstat.test";

/** Route ids as Remix derives them from app/routes, the same way the build does. */
export function sourceRouteIds(): string[] {
  const manifest = flatRoutes(path.resolve("app"), remixConfig.ignoredRouteFiles ?? []);
  return ["root", ...Object.keys(manifest)].sort();
}

export async function loadBuild(): Promise<ServerBuild> {
  // APP_SERVER_BUILD points at another build of this tree (e.g. one made outside the shared build/).
  const file = path.resolve(process.env.APP_SERVER_BUILD ?? "build/index.js");
  if (!existsSync(file)) throw new Error("No server build: run `flock /tmp/build.lock npx remix build` first.");
  // A query string busts Node's module cache, so a rebuilt file is read afresh.
  return (await import(`${pathToFileURL(file).href}?t=${Date.now()}`)) as ServerBuild;
}

export interface TestApp {
  handle: DbHandle;
  build: ServerBuild;
  departments: { own: number; other: number };
  userIds: Record<Role, string>;
  importRunId: number;
  cookies: Record<Role, string>;
  newSessionCookie(role: Role): Promise<string>;
  fetch(pathname: string, init?: { method?: string; role?: Role | null; cookie?: string; body?: URLSearchParams; headers?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

type GlobalWithDb = typeof globalThis & { __compstatDb?: Promise<DbHandle> };

export function cookiePair(setCookie: string) {
  return setCookie.split(";")[0];
}

export async function startTestApp(): Promise<TestApp> {
  // The server build has NODE_ENV inlined as "production", so it names the cookie for a Secure
  // one; the sessions made here must agree.
  process.env.SESSION_COOKIE_SECURE = "true";
  const handle = await createTestDb();
  // The build reads the process-wide database through this handle (db/client.server.ts).
  (globalThis as GlobalWithDb).__compstatDb = Promise.resolve(handle);
  const db = handle.db;
  const [own, other] = await db
    .insert(departments)
    .values([{ name: "Streets and Sanitation" }, { name: "Water Management" }])
    .returning({ id: departments.id });
  const demo = await seedDemoUsers(db);
  const rows = await db.select({ id: users.id, email: users.email }).from(users);
  const userIds = {} as Record<Role, string>;
  const cookies = {} as Record<Role, string>;
  for (const d of demo) {
    userIds[d.role] = rows.find((r) => r.email === d.email)!.id;
    cookies[d.role] = cookiePair(await startSession(db, userIds[d.role]));
  }
  const [run] = await db
    .insert(importRuns)
    .values({ kind: "requests", fileName: "sample.csv", sha256: "0".repeat(64), status: "completed" })
    .returning({ id: importRuns.id });
  const build = await loadBuild();
  const handler = createRequestHandler(build, "production");
  return {
    handle,
    build,
    departments: { own: own.id, other: other.id },
    userIds,
    importRunId: run.id,
    cookies,
    async newSessionCookie(role) {
      return cookiePair(await startSession(db, userIds[role]));
    },
    fetch(pathname, init = {}) {
      const method = init.method ?? "GET";
      const headers = new Headers(init.headers);
      const cookie = init.cookie ?? (init.role ? cookies[init.role] : undefined);
      if (cookie) headers.set("Cookie", cookie);
      headers.set("Host", new URL(ORIGIN).host);
      if (method !== "GET") headers.set("Origin", ORIGIN);
      return handler(new Request(new URL(pathname, ORIGIN), { method, headers, body: init.body, redirect: "manual" }), {
        clientIp: headers.get("x-test-ip") ?? "192.0.2.1",
      });
    },
    async close() {
      (globalThis as GlobalWithDb).__compstatDb = undefined;
      await handle.close();
    },
  };
}
