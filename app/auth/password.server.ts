import { randomBytes } from "node:crypto";
import { hash, verify, type Algorithm, type Options } from "@node-rs/argon2";

/**
 * Argon2id at 64 MiB, 2 passes, 1 lane: 3.4× the memory of OWASP's minimum (19 MiB, t=2),
 * measured at about 50 ms a verify on the 2-core target server (see `npm run bench -- auth`),
 * which leaves room under the 150 ms sign-in budget when the machine is busy.
 */
export const ARGON2_OPTIONS = {
  algorithm: 2 as Algorithm, // Argon2id; the enum is `const` and cannot be imported under isolatedModules
  memoryCost: 65536,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} satisfies Options;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Whether a stored hash was made with weaker parameters than today's, so sign-in should replace it. */
export function needsRehash(passwordHash: string): boolean {
  const o = ARGON2_OPTIONS;
  return !passwordHash.startsWith(`$argon2id$v=19$m=${o.memoryCost},t=${o.timeCost},p=${o.parallelism}$`);
}

let dummy: Promise<string> | undefined;

/**
 * A hash of a random password, verified against when the email is unknown so that an unknown
 * account costs the same Argon2 work, and answers in the same time, as a wrong password.
 */
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(32).toString("base64url"));
  return dummy;
}
