import { eq, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { users } from "#db/schema";
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from "./password.server";
import { startSession } from "./session.server";
import { clearAccountFailures, lockedUntil, recordFailure } from "./throttle.server";

export type SignInResult =
  | { kind: "signed-in"; userId: string; setCookie: string }
  | { kind: "invalid" }
  | { kind: "throttled"; retryAt: Date };

/** One message for an unknown email, a wrong password and a disabled account, so none can be told apart. */
export const INVALID_CREDENTIALS = "That email and password do not match an active account.";

export function findUserByEmail(db: Db, email: string) {
  return db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
    .then((rows) => rows[0] ?? null);
}

/**
 * Checks a sign-in. Every path that reaches the password check does the same Argon2 work
 * (a dummy hash stands in for an unknown email), so timing does not reveal who has an account.
 */
export async function signIn(
  db: Db,
  input: { email: string; password: string; ip: string },
  now = new Date(),
): Promise<SignInResult> {
  const keys = { account: input.email.trim().toLowerCase(), ip: input.ip };
  const locked = await lockedUntil(db, keys, now);
  if (locked) return { kind: "throttled", retryAt: locked };

  const user = await findUserByEmail(db, keys.account);
  const matches = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !matches || user.disabledAt) {
    await recordFailure(db, keys, now);
    return { kind: "invalid" };
  }

  await clearAccountFailures(db, keys.account);
  if (needsRehash(user.passwordHash)) {
    await db.update(users).set({ passwordHash: await hashPassword(input.password) }).where(eq(users.id, user.id));
  }
  return { kind: "signed-in", userId: user.id, setCookie: await startSession(db, user.id) };
}
