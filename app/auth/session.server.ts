/**
 * Sessions. The only module that imports lucia (frozen upstream), so that replacing it
 * touches this file alone.
 */
import { DrizzlePostgreSQLAdapter } from "@lucia-auth/adapter-drizzle";
import { Lucia, TimeSpan, verifyRequestOrigin, type DatabaseSession, type DatabaseUser } from "lucia";
import { eq, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { sessions, userDepartments, users } from "#db/schema";
import { isRole, type Viewer } from "./permissions";

/**
 * Idle timeout: lucia extends a session once half of this has passed (sliding expiry), so an
 * idle session dies between 15 and 30 minutes after its last request (ASVS 3.3.2, level 2).
 */
export const SESSION_IDLE = new TimeSpan(30, "m");
/** Absolute lifetime: a session older than this needs a new sign-in however active it is. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;

function cookieIsSecure() {
  const flag = process.env.SESSION_COOKIE_SECURE;
  if (flag === "true" || flag === "false") return flag === "true";
  // npm start runs the production build without setting NODE_ENV; only tests and dev opt out.
  return (process.env.NODE_ENV ?? "production") === "production";
}

/**
 * lucia's Drizzle adapter, reading the user's departments in the same query as the session and
 * user (and never the password hash), so that validating a request costs one round trip.
 */
class SessionAdapter extends DrizzlePostgreSQLAdapter {
  /** Built once: composing the query anew on every request cost more than running it. */
  private readonly sessionAndUser;

  constructor(database: Db) {
    super(database, sessions, users);
    this.sessionAndUser = SessionAdapter.prepareSessionAndUser(database);
  }

  private static prepareSessionAndUser(database: Db) {
    return database
      .select({
        id: sessions.id,
        userId: sessions.userId,
        expiresAt: sessions.expiresAt,
        createdAt: sessions.createdAt,
        email: users.email,
        name: users.name,
        role: users.role,
        disabledAt: users.disabledAt,
        departmentIds: sql<number[]>`coalesce((
          select array_agg(${userDepartments.departmentId} order by ${userDepartments.departmentId})
          from ${userDepartments} where ${userDepartments.userId} = ${users.id}), '{}')`,
      })
      .from(sessions)
      .innerJoin(users, eq(sessions.userId, users.id))
      .where(eq(sessions.id, sql.placeholder("sessionId")))
      .prepare("compstat_session_and_user");
  }

  override async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const [row] = await this.sessionAndUser.execute({ sessionId });
    if (!row) return [null, null];
    const { id, userId, expiresAt, createdAt, ...user } = row;
    return [
      { id, userId, expiresAt, attributes: { createdAt } },
      { id: userId, attributes: { ...user, departmentIds: user.departmentIds.map(Number) } },
    ];
  }
}

function createLucia(db: Db) {
  const secure = cookieIsSecure();
  return new Lucia(new SessionAdapter(db), {
    sessionExpiresIn: SESSION_IDLE,
    sessionCookie: {
      // __Host- makes the browser refuse the cookie unless it is Secure, host-only and path=/.
      name: secure ? "__Host-compstat_session" : "compstat_session",
      // A browser-session cookie: expiry is decided in the database (idle and absolute), so the
      // sliding refresh never needs a Set-Cookie from a loader.
      expires: false,
      attributes: { secure, sameSite: "lax" },
    },
    getUserAttributes: (row) => ({
      email: row.email,
      name: row.name,
      role: row.role,
      disabledAt: row.disabledAt,
      departmentIds: row.departmentIds,
    }),
    getSessionAttributes: (row) => ({ createdAt: row.createdAt }),
  });
}

type AppLucia = ReturnType<typeof createLucia>;

declare module "lucia" {
  interface Register {
    Lucia: AppLucia;
    DatabaseUserAttributes: { email: string; name: string; role: string; disabledAt: Date | null; departmentIds: number[] };
    DatabaseSessionAttributes: { createdAt: Date };
  }
}

const byDb = new WeakMap<Db, AppLucia>();

function luciaFor(db: Db): AppLucia {
  let lucia = byDb.get(db);
  if (!lucia) {
    lucia = createLucia(db);
    byDb.set(db, lucia);
  }
  return lucia;
}

export function sessionCookieName(db: Db) {
  return luciaFor(db).sessionCookieName;
}

/** Starts a session and returns the Set-Cookie value carrying it. */
export async function startSession(db: Db, userId: string): Promise<string> {
  const lucia = luciaFor(db);
  const session = await lucia.createSession(userId, { createdAt: new Date() });
  return lucia.createSessionCookie(session.id).serialize();
}

/** A Set-Cookie value that removes the session cookie. */
export function clearedSessionCookie(db: Db): string {
  return luciaFor(db).createBlankSessionCookie().serialize();
}

export function readSessionId(db: Db, request: Request): string | null {
  return luciaFor(db).readSessionCookie(request.headers.get("Cookie") ?? "");
}

/**
 * The viewer a session belongs to, or null when the session is unknown, expired (idle or
 * absolute), or its user disabled. Validation also slides the expiry forward.
 */
export async function viewerForSession(db: Db, sessionId: string, now = Date.now()): Promise<Viewer | null> {
  const lucia = luciaFor(db);
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session || !user) return null;
  if (user.disabledAt || now - session.createdAt.getTime() > SESSION_ABSOLUTE_MS || !isRole(user.role)) {
    await lucia.invalidateSession(session.id);
    return null;
  }
  const departmentIds = user.role === "dept_head" ? user.departmentIds : [];
  return { id: user.id, email: user.email, name: user.name, role: user.role, departmentIds };
}

export async function endSession(db: Db, sessionId: string) {
  await luciaFor(db).invalidateSession(sessionId);
}

/** Signs a user out everywhere: on password change, role or department change, disabling. */
export async function endUserSessions(db: Db, userId: string) {
  await luciaFor(db).invalidateUserSessions(userId);
}

export async function deleteExpiredSessions(db: Db) {
  await luciaFor(db).deleteExpiredSessions();
}

/**
 * Whether a state-changing request comes from this site: its Origin (or, failing that, its
 * Referer) must name the host the request was sent to.
 */
export function isSameOrigin(method: string, headers: { origin?: string | null; referer?: string | null; host?: string | null }) {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return true;
  const host = headers.host;
  if (!host) return false;
  const origin = headers.origin ?? (headers.referer ? safeOrigin(headers.referer) : null);
  if (!origin || origin === "null") return false;
  return verifyRequestOrigin(origin, [host]);
}

function safeOrigin(url: string) {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
