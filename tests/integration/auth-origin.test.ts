/**
 * The HTTP guards in front of Remix, over real HTTP: the Origin check on state-changing requests
 * (403) and the security headers, composed as scripts/start.ts composes them.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import { loadContextFor, originCheck, securityHeaders } from "~/auth/http-guards.server";
import { DEMO_USERS } from "~/auth/demo-users.server";
import { startTestApp, type TestApp } from "./auth-harness";

let app: TestApp;
let server: Server;
let base: string;

beforeAll(async () => {
  app = await startTestApp();
  const web = express();
  web.use(securityHeaders());
  web.use(originCheck());
  web.all("*", createRequestHandler({ build: app.build, mode: "production", getLoadContext: loadContextFor }));
  server = web.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await app?.close();
});

const admin = DEMO_USERS.find((u) => u.role === "admin")!;
const body = () => new URLSearchParams({ email: admin.email, password: admin.password });

function post(path: string, headers: Record<string, string>) {
  return fetch(`${base}${path}`, { method: "POST", body: body(), headers, redirect: "manual" });
}

test.each([
  ["another site's Origin", { Origin: "https://evil.example" }],
  ["a look-alike host", { Origin: "http://127.0.0.1.evil.example" }],
  ["the opaque Origin of a sandboxed frame", { Origin: "null" }],
  ["no Origin and no Referer", {}],
  ["another site's Referer without Origin", { Referer: "https://evil.example/page" }],
])("a POST with %s is refused with 403 before any action runs", async (_label, headers) => {
  const res = await post("/login", headers);
  expect(res.status).toBe(403);
  expect(res.headers.get("Set-Cookie")).toBeNull();
  expect(await res.text()).toMatch(/Cross-site request refused/);
});

test("every state-changing method is checked", async () => {
  for (const method of ["PUT", "PATCH", "DELETE"]) {
    expect((await fetch(`${base}/logout`, { method, headers: { Origin: "https://evil.example" } })).status).toBe(403);
  }
});

test("a POST from this site goes through (by Origin, or by Referer when a browser sends no Origin)", async () => {
  expect((await post("/login", { Origin: base })).status).toBe(302);
  expect((await post("/login", { Referer: `${base}/login` })).status).toBe(302);
});

test("GET needs no Origin", async () => {
  expect((await fetch(`${base}/login`)).status).toBe(200);
});

test("every response carries the security headers", async () => {
  for (const path of ["/login", "/healthz", "/no-such-page"]) {
    const res = await fetch(`${base}${path}`);
    const csp = res.headers.get("Content-Security-Policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("X-Frame-Options")).toBe("DENY");
  }
});

test("inline scripts run only with this response's nonce, a new one each time", async () => {
  const first = await fetch(`${base}/login`);
  const second = await fetch(`${base}/login`);
  const scriptSrc = (res: Response) => /script-src ([^;]*)/.exec(res.headers.get("Content-Security-Policy") ?? "")?.[1] ?? "";
  expect(scriptSrc(first)).not.toContain("unsafe-inline");
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc(first))?.[1];
  expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(scriptSrc(second)).not.toContain(nonce);
  const html = await first.text();
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
  expect(inline.length).toBeGreaterThan(0);
  for (const attrs of inline) expect(attrs).toContain(`nonce="${nonce}"`);
});

test("pages are not cached by shared caches", async () => {
  expect((await fetch(`${base}/login`)).headers.get("Cache-Control")).toMatch(/no-store/);
});
