import { and, eq, gt, or, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { loginThrottle } from "#db/schema";

/** Failures allowed within the window before the account or IP is locked. */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const LOCKOUT_MS = 15 * 60 * 1000;

export type ThrottleKeys = { account: string; ip: string };

/** When the account or the IP may try again, or null if neither is locked. */
export async function lockedUntil(db: Db, keys: ThrottleKeys, now: Date): Promise<Date | null> {
  const rows = await db
    .select({ lockedUntil: loginThrottle.lockedUntil })
    .from(loginThrottle)
    .where(
      and(
        or(
          and(eq(loginThrottle.kind, "account"), eq(loginThrottle.key, keys.account)),
          and(eq(loginThrottle.kind, "ip"), eq(loginThrottle.key, keys.ip)),
        ),
        gt(loginThrottle.lockedUntil, now),
      ),
    );
  const times = rows.map((r) => r.lockedUntil!.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

/**
 * Counts one failure against both keys in one atomic upsert each, so concurrent attempts from
 * several processes cannot under-count. The fifth failure within the window locks the key.
 */
export async function recordFailure(db: Db, keys: ThrottleKeys, now: Date): Promise<Date | null> {
  const windowStart = new Date(now.getTime() - FAILURE_WINDOW_MS);
  const lockUntil = new Date(now.getTime() + LOCKOUT_MS);
  let latest: Date | null = null;
  for (const [kind, key] of [
    ["account", keys.account],
    ["ip", keys.ip],
  ] as const) {
    const stale = sql`${loginThrottle.windowStartedAt} <= ${windowStart.toISOString()}::timestamptz`;
    const failures = sql`case when ${stale} then 1 else ${loginThrottle.failures} + 1 end`;
    const [row] = await db
      .insert(loginThrottle)
      .values({ kind, key, failures: 1, windowStartedAt: now, lockedUntil: MAX_FAILURES <= 1 ? lockUntil : null })
      .onConflictDoUpdate({
        target: [loginThrottle.kind, loginThrottle.key],
        set: {
          failures,
          windowStartedAt: sql`case when ${stale} then ${now.toISOString()}::timestamptz else ${loginThrottle.windowStartedAt} end`,
          lockedUntil: sql`case when ${failures} >= ${MAX_FAILURES} then ${lockUntil.toISOString()}::timestamptz else null end`,
        },
      })
      .returning({ lockedUntil: loginThrottle.lockedUntil });
    if (row?.lockedUntil && (!latest || row.lockedUntil > latest)) latest = row.lockedUntil;
  }
  return latest;
}

/** A successful sign-in clears the account's count; the IP's stays, so one good account cannot launder a spray. */
export async function clearAccountFailures(db: Db, account: string) {
  await db.delete(loginThrottle).where(and(eq(loginThrottle.kind, "account"), eq(loginThrottle.key, account)));
}
