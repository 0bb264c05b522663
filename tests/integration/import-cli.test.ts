/** `npm run import` as a user runs it: DESIGN §6 output and exit codes, on a throwaway PGlite. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(__dirname, "../..");
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "compstat-import-cli-"));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[]) {
  const result = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/import.ts", ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: path.join(dir, "pglite"), CITY_TIME_ZONE: "America/Chicago" },
    encoding: "utf8",
    timeout: 90_000,
  });
  return { code: result.status, out: result.stdout.trimEnd().split("\n"), err: result.stderr };
}

test("prints one summary line per file and one line per rejected row; exit 1 only for a file that is not the format", () => {
  const good = path.join(dir, "requests.csv");
  writeFileSync(
    good,
    [
      "SR_NUMBER,SR_TYPE,OWNER_DEPARTMENT,STATUS,CREATED_DATE,CLOSED_DATE",
      "C-1,Graffiti Removal Request,Streets and Sanitation,Completed,12/02/2025 11:59:03 PM,12/03/2025 09:00:00 AM",
      "C-2,Graffiti Removal Request,Streets and Sanitation,Open,someday,",
    ].join("\n"),
  );
  const first = cli(["requests", good]);
  expect(first.err).toBe("");
  expect(first.out).toEqual([
    `imported ${good}: read 2, inserted 1, updated 0, unchanged 0, rejected 1`,
    `${good}:3: CREATED_DATE "someday" is not a date (expected e.g. 2021-01-01T00:00:09 or 12/02/2025 11:59:03 PM)`,
  ]);
  expect(first.code).toBe(0);

  const notJson = path.join(dir, "not-open311.csv");
  writeFileSync(notJson, "a,b\n1,2\n");
  const second = cli(["open311", notJson]);
  expect(second.out).toEqual([`${notJson}: not Open311 GeoReport v2 requests: expected JSON, found CSV`]);
  expect(second.code).toBe(1);
});
