import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3310);
const baseURL = `http://127.0.0.1:${port}`;

// A fresh embedded database per run, so the tests see exactly the seeded demo city.
// Set once in the runner process; the workers it forks inherit it.
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "compstat-e2e-"));

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  globalTeardown: "./tests/e2e/global-teardown.ts",
  fullyParallel: false,
  workers: process.env.CI ? 2 : 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  // A sign-in is an Argon2id verify (64 MiB) on a 2-core machine that also runs the server and two browsers.
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    // The built app (`npm run test:e2e` builds first), served exactly as `npm start` serves it.
    command: "npx tsx scripts/start.ts",
    env: {
      DATABASE_URL: path.join(process.env.E2E_DATA_DIR, "pglite"),
      PORT: String(port),
    },
    url: `${baseURL}/healthz`,
    // A fresh data directory is initialised, migrated and seeded with the demo city first.
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
