/**
 * Pages as a browser gets them: the built app's request handler, signed in as the 311 analyst,
 * returning the whole server-rendered HTML (loader, scorecard queries, React and, for trends,
 * Observable Plot's SVG). Issue 3 sets its department-page target on this, not on the query.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { eq } from "drizzle-orm";
import type { DbHandle } from "#db/client.server";
import { users } from "#db/schema";
import { DEMO_USERS, seedDemoUsers } from "~/auth/demo-users.server";
import { startSession } from "~/auth/session.server";
import { figure, fmt, notAvailable, p50 } from "./report";

type GlobalWithDb = typeof globalThis & { __compstatDb?: Promise<DbHandle> };
const ORIGIN = "http://compstat.bench";

export async function benchRenderedPages(
  handle: DbHandle,
  args: { departmentId: number; departmentName: string; month: string; runs: number; uncached: <T>(fn: () => Promise<T>) => Promise<number> },
) {
  const file = path.resolve("build/index.js");
  if (!existsSync(file)) {
    notAvailable("pages rendered on the server: there is no build/index.js (npx remix build)");
    return;
  }
  // The build is a production one: it names the session cookie for a Secure cookie.
  process.env.SESSION_COOKIE_SECURE = "true";
  const build = (await import(pathToFileURL(file).href)) as ServerBuild;
  const global = globalThis as GlobalWithDb;
  const saved = global.__compstatDb;
  global.__compstatDb = Promise.resolve(handle);
  try {
    await seedDemoUsers(handle.db);
    const analyst = DEMO_USERS.find((u) => u.role === "staff_311")!;
    const [user] = await handle.db.select({ id: users.id }).from(users).where(eq(users.email, analyst.email));
    const cookie = (await startSession(handle.db, user.id)).split(";")[0];
    const handler = createRequestHandler(build, "production");
    const get = async (pathname: string) => {
      const headers = new Headers({ Cookie: cookie, Host: new URL(ORIGIN).host });
      const response = await handler(new Request(new URL(pathname, ORIGIN), { headers }), { clientIp: "192.0.2.1" });
      const html = await response.text();
      if (response.status !== 200) throw new Error(`GET ${pathname} answered ${response.status}: ${html.slice(0, 200)}`);
      return html;
    };
    const query = `period=12m&month=${args.month}`;
    const pages = [
      { label: `department page (${args.departmentName}), 12 months`, path: `/departments/${args.departmentId}?${query}`, target: 300 },
      { label: `trends page (${args.departmentName}), 26 weeks, 4 charts`, path: `/departments/${args.departmentId}/trends?${query}`, target: null },
      { label: "citywide scorecard page, 12 months", path: `/?${query}`, target: null },
    ];
    for (const page of pages) {
      const warm = await p50(args.runs, () => get(page.path));
      const uncached = await args.uncached(() => get(page.path));
      figure(`GET ${page.label}, warm / uncached p50`, `${fmt.ms(warm.p50)} / ${fmt.ms(uncached)}`, {
        ratio: `${(uncached / warm.p50).toFixed(1)}× warm`,
        ...(page.target === null ? {} : { target: `target ≤ ${page.target} ms uncached`, met: uncached <= page.target }),
      });
    }
  } finally {
    global.__compstatDb = saved;
  }
}
