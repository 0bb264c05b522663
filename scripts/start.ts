import path from "node:path";
import { pathToFileURL } from "node:url";
import express from "express";
import compression from "compression";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { getDbHandle } from "../db/client.server";
import { ensureDemoCity } from "./seed";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";

const handle = await getDbHandle();
console.log(`database: ${handle.kind} (${handle.where}), migrated`);
if (handle.kind === "pglite") await ensureDemoCity(handle.db);

const buildPath = path.resolve("build/index.js");
const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;

const app = express();
app.disable("x-powered-by");
app.use(compression());
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV ?? "production" }));

app.listen(port, host, () => console.log(`CompStat 311 at http://${host}:${port}`));
