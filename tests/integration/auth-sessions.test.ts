/**
 * Sign-in, throttling, session expiry and invalidation, and the password hash, through the
 * built app's request handler against a real database.
 */
import { eq } from "drizzle-orm";
import { loginThrottle, sessions, users } from "#db/schema";
import { DEMO_USERS } from "~/auth/demo-users.server";
import { ARGON2_OPTIONS, hashPassword, needsRehash, verifyPassword } from "~/auth/password.server";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE } from "~/auth/session.server";
import { MAX_FAILURES } from "~/auth/throttle.server";
import { actorFromViewer } from "~/audit/log.server";
import { resetUserPassword, setUserDisabled, updateUserAccess } from "~/auth/users.server";
import { cookiePair, startTestApp, type TestApp } from "./auth-harness";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const demo = (role: string) => DEMO_USERS.find((u) => u.role === role)!;
const form = (fields: Record<string, string>) => new URLSearchParams(fields);

function login(email: string, password: string, ip = "198.51.100.1") {
  return app.fetch("/login", { method: "POST", role: null, body: form({ email, password }), headers: { "x-test-ip": ip } });
}

async function freshSession(role: string) {
  const res = await login(demo(role).email, demo(role).password, `203.0.113.${Math.floor(Math.random() * 200)}`);
  expect(res.status).toBe(302);
  return cookiePair(res.headers.get("Set-Cookie")!);
}

async function isSignedIn(cookie: string) {
  const res = await app.fetch("/account/password", { cookie });
  await res.arrayBuffer();
  return res.status === 200;
}

describe("sign-in", () => {
  test("a right password signs in with an httpOnly, SameSite=Lax, Secure session cookie and goes to redirectTo", async () => {
    const res = await app.fetch("/login", {
      method: "POST",
      body: form({ email: demo("admin").email.toUpperCase(), password: demo("admin").password, redirectTo: "/admin/users" }),
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/admin/users");
    const cookie = res.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^__Host-compstat_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/Path=\//);
    expect(await isSignedIn(cookiePair(cookie))).toBe(true);
  });

  test("redirectTo never leaves the site", async () => {
    for (const target of ["//evil.example/", "https://evil.example/", "/\\evil.example", "/\t/evil.example/", "/\n/evil.example/"]) {
      const res = await app.fetch("/login", {
        method: "POST",
        body: form({ email: demo("admin").email, password: demo("admin").password, redirectTo: target }),
      });
      expect(res.headers.get("Location")).toBe("/");
    }
  });

  test("an unknown email and a wrong password get the same answer", async () => {
    const unknown = await login("nobody@compstat.example", "whatever-password", "198.51.100.7");
    const wrong = await login(demo("staff_311").email, "not-the-password", "198.51.100.8");
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    const text = (html: string) => html.match(/usa-alert__text">([^<]*)</)?.[1];
    expect(text(await unknown.text())).toBe(text(await wrong.text()));
  });

  test("an unknown email costs the same Argon2 work as a wrong password", async () => {
    // CPU time of this process (the app runs in it, Argon2's worker threads included), not wall
    // time: a busy machine stretches wall time, never the work done.
    const time = async (email: string, i: number) => {
      const started = process.cpuUsage();
      await (await login(email, "not-the-password", `198.51.100.${100 + i}`)).arrayBuffer();
      const used = process.cpuUsage(started);
      return (used.user + used.system) / 1000;
    };
    const unknown: number[] = [];
    const known: number[] = [];
    for (let i = 0; i < 4; i++) {
      unknown.push(await time(`ghost${i}@compstat.example`, i));
      known.push(await time(demo("mayor_office").email, 10 + i));
      await app.handle.db.delete(loginThrottle);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    // Without the dummy hash the unknown email would cost a few ms of CPU against ~50 ms.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });

  test("missing fields get field-level messages and 400", async () => {
    const res = await app.fetch("/login", { method: "POST", body: form({ email: "not-an-email", password: "" }) });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Enter an email address like name@city.gov.");
    expect(html).toContain("Enter your password.");
  });

  test("a disabled account cannot sign in, with the same answer as a wrong password", async () => {
    const res = await login(demo("dept_head").email, demo("dept_head").password, "198.51.100.20");
    expect(res.status).toBe(302);
    const [u] = await app.handle.db.select().from(users).where(eq(users.email, demo("dept_head").email));
    await app.handle.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, u.id));
    try {
      expect((await login(demo("dept_head").email, demo("dept_head").password, "198.51.100.21")).status).toBe(401);
    } finally {
      await app.handle.db.update(users).set({ disabledAt: null }).where(eq(users.id, u.id));
      await app.handle.db.delete(loginThrottle);
    }
  });
});

describe("throttling", () => {
  afterEach(async () => {
    await app.handle.db.delete(loginThrottle);
  });

  test(`after ${MAX_FAILURES} failures on one account: 429 with when to try again, even with the right password and from another IP`, async () => {
    const { email, password } = demo("staff_311");
    for (let i = 0; i < MAX_FAILURES; i++) expect((await login(email, "wrong-password", `192.0.2.${10 + i}`)).status).toBe(401);
    const locked = await login(email, password, "192.0.2.99");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("Retry-After"))).toBeGreaterThan(60);
    expect(await locked.text()).toMatch(/Try again after \d{1,2}:\d{2}\s?[AP]M/);
  });

  test(`after ${MAX_FAILURES} failures from one IP: 429 for every account from that IP, not from others`, async () => {
    for (let i = 0; i < MAX_FAILURES; i++) expect((await login(`spray${i}@compstat.example`, "guess-1", "192.0.2.200")).status).toBe(401);
    expect((await login(demo("admin").email, demo("admin").password, "192.0.2.200")).status).toBe(429);
    expect((await login(demo("admin").email, demo("admin").password, "192.0.2.201")).status).toBe(302);
  });

  test("a success clears the account's count", async () => {
    const { email, password } = demo("mayor_office");
    for (let i = 0; i < MAX_FAILURES - 1; i++) await login(email, "wrong-password", "192.0.2.50");
    expect((await login(email, password, "192.0.2.51")).status).toBe(302);
    for (let i = 0; i < MAX_FAILURES - 1; i++) expect((await login(email, "wrong-password", "192.0.2.52")).status).toBe(401);
  });

  test("the count lives in the database: concurrent failures are all counted", async () => {
    const email = "concurrent@compstat.example";
    await Promise.all(Array.from({ length: 8 }, (_, i) => login(email, "wrong", `192.0.2.${60 + i}`).then((r) => r.arrayBuffer())));
    const [row] = await app.handle.db.select().from(loginThrottle).where(eq(loginThrottle.key, email));
    expect(row.failures).toBe(8);
    expect(row.lockedUntil).not.toBeNull();
  });
});

describe("sessions", () => {
  test("sign-out by POST ends the session and clears the cookie", async () => {
    const cookie = await freshSession("admin");
    const res = await app.fetch("/logout", { method: "POST", cookie });
    expect(res.status).toBe(302);
    expect(res.headers.get("Set-Cookie")).toMatch(/Max-Age=0/i);
    expect(await isSignedIn(cookie)).toBe(false);
  });

  test("GET /logout does not sign out", async () => {
    const cookie = await freshSession("admin");
    await (await app.fetch("/logout", { cookie })).arrayBuffer();
    expect(await isSignedIn(cookie)).toBe(true);
  });

  test("an idle session expires; an active one slides forward", async () => {
    const cookie = await freshSession("staff_311");
    const id = cookie.split("=")[1];
    const idleMs = SESSION_IDLE.milliseconds();
    // Past half its life a request extends it to a full idle period from now.
    await app.handle.db.update(sessions).set({ expiresAt: new Date(Date.now() + idleMs / 4) }).where(eq(sessions.id, id));
    expect(await isSignedIn(cookie)).toBe(true);
    const [slid] = await app.handle.db.select().from(sessions).where(eq(sessions.id, id));
    expect(slid.expiresAt.getTime()).toBeGreaterThan(Date.now() + idleMs * 0.9);
    await app.handle.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, id));
    expect(await isSignedIn(cookie)).toBe(false);
  });

  test("a session older than the absolute lifetime ends however active", async () => {
    const cookie = await freshSession("mayor_office");
    const id = cookie.split("=")[1];
    await app.handle.db
      .update(sessions)
      .set({ createdAt: new Date(Date.now() - SESSION_ABSOLUTE_MS - 1000) })
      .where(eq(sessions.id, id));
    expect(await isSignedIn(cookie)).toBe(false);
    expect(await app.handle.db.select().from(sessions).where(eq(sessions.id, id))).toEqual([]);
  });

  test("changing my password ends my other sessions and keeps me signed in here", async () => {
    const here = await freshSession("dept_head");
    const elsewhere = await freshSession("dept_head");
    const { password } = demo("dept_head");
    const res = await app.fetch("/account/password", {
      method: "POST",
      cookie: here,
      body: form({ currentPassword: password, newPassword: "a-brand-new-passphrase", confirmPassword: "a-brand-new-passphrase" }),
    });
    expect(res.status).toBe(302);
    const renewed = cookiePair(res.headers.get("Set-Cookie")!);
    expect(await isSignedIn(here)).toBe(false);
    expect(await isSignedIn(elsewhere)).toBe(false);
    expect(await isSignedIn(renewed)).toBe(true);
    const [u] = await app.handle.db.select().from(users).where(eq(users.email, demo("dept_head").email));
    await resetUserPassword(app.handle.db, { label: "test" }, u.id, password);
  });

  test("a wrong current password does not change it", async () => {
    const cookie = await freshSession("dept_head");
    const res = await app.fetch("/account/password", {
      method: "POST",
      cookie,
      body: form({ currentPassword: "not-it-at-all", newPassword: "another-long-pass", confirmPassword: "another-long-pass" }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("The current password is not right.");
  });

  test("a role change, a password reset and disabling each end the user's sessions", async () => {
    const admin = { id: app.userIds.admin, email: demo("admin").email };
    const target = app.userIds.staff_311;
    let cookie = await freshSession("staff_311");
    await updateUserAccess(app.handle.db, actorFromViewer(admin), target, { role: "mayor_office", departmentIds: [] });
    expect(await isSignedIn(cookie)).toBe(false);
    await updateUserAccess(app.handle.db, actorFromViewer(admin), target, { role: "staff_311", departmentIds: [] });

    cookie = await freshSession("staff_311");
    await resetUserPassword(app.handle.db, actorFromViewer(admin), target, demo("staff_311").password);
    expect(await isSignedIn(cookie)).toBe(false);

    cookie = await freshSession("staff_311");
    await setUserDisabled(app.handle.db, actorFromViewer(admin), target, true);
    expect(await isSignedIn(cookie)).toBe(false);
    await setUserDisabled(app.handle.db, actorFromViewer(admin), target, false);
  });

  test("a department head's new departments apply on their next sign-in, not through an old session", async () => {
    const admin = { id: app.userIds.admin, email: demo("admin").email };
    const cookie = await freshSession("dept_head");
    expect((await app.fetch(`/departments/${app.departments.other}`, { cookie })).status).toBe(404);
    await updateUserAccess(app.handle.db, actorFromViewer(admin), app.userIds.dept_head, {
      role: "dept_head",
      departmentIds: [app.departments.own, app.departments.other],
    });
    expect(await isSignedIn(cookie)).toBe(false);
    const again = await freshSession("dept_head");
    expect((await app.fetch(`/departments/${app.departments.other}`, { cookie: again })).status).toBe(200);
    await updateUserAccess(app.handle.db, actorFromViewer(admin), app.userIds.dept_head, { role: "dept_head", departmentIds: [app.departments.own] });
  });
});

describe("password hashing", () => {
  test("Argon2id, 64 MiB, 2 passes, 1 lane, 32-byte output with a 16-byte salt", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(ARGON2_OPTIONS).toMatchObject({ memoryCost: 65536, timeCost: 2, parallelism: 1 });
    expect(await verifyPassword(hash, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(hash, "correct horse battery stapler")).toBe(false);
    expect(await hashPassword("correct horse battery staple")).not.toBe(hash);
  });

  test("stored hashes hold no plaintext and weaker ones are replaced at the next sign-in", async () => {
    const rows = await app.handle.db.select({ hash: users.passwordHash }).from(users);
    for (const r of rows) expect(r.hash.startsWith("$argon2id$")).toBe(true);
    const { hash } = await import("@node-rs/argon2");
    const weak = await hash(demo("mayor_office").password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
    expect(needsRehash(weak)).toBe(true);
    await app.handle.db.update(users).set({ passwordHash: weak }).where(eq(users.id, app.userIds.mayor_office));
    expect((await login(demo("mayor_office").email, demo("mayor_office").password, "192.0.2.150")).status).toBe(302);
    const [after] = await app.handle.db.select().from(users).where(eq(users.id, app.userIds.mayor_office));
    expect(needsRehash(after.passwordHash)).toBe(false);
  });
});
