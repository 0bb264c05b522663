import path from "node:path";
import { pathToFileURL } from "node:url";
import express from "express";
import compression from "compression";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { getDbHandle } from "../db/client.server";
import { ensureDemoCity } from "./seed";
import { loadContextFor, originCheck, securityHeaders } from "../app/auth/http-guards.server";
import { deleteExpiredSessions } from "../app/auth/session.server";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";

const handle = await getDbHandle();
console.log(`database: ${handle.kind} (${handle.where}), migrated`);
if (handle.kind === "pglite") await ensureDemoCity(handle.db);
// Expired sessions are refused anyway; removing them keeps the table from growing for ever.
await deleteExpiredSessions(handle.db);
setInterval(() => void deleteExpiredSessions(handle.db).catch((e) => console.error("session clean-up failed:", e)), 6 * 3600_000).unref();

const buildPath = path.resolve("build/index.js");
const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;

const app = express();
app.disable("x-powered-by");
// Behind a reverse proxy, TRUST_PROXY (e.g. "1" or "loopback") makes req.ip the client's address
// for login throttling; without it a client could choose its IP with X-Forwarded-For.
if (process.env.TRUST_PROXY) app.set("trust proxy", /^\d+$/.test(process.env.TRUST_PROXY) ? Number(process.env.TRUST_PROXY) : process.env.TRUST_PROXY);
app.use(securityHeaders());
app.use(originCheck());
app.use(compression());
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV ?? "production", getLoadContext: loadContextFor }));

app.listen(port, host, () => console.log(`CompStat 311 at http://${host}:${port}`));
