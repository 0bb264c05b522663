import { sql } from "drizzle-orm";
import { queryRows, type DbHandle } from "#db/client.server";
import { ALL_DEPARTMENTS } from "~/auth/scope";
import { plantedDuplicateTruth, resolveOptions } from "~/demo/city";
import { seedDemoCity } from "~/demo/seed.server";
import { evaluateDetector } from "~/duplicates/evaluate";
import { listSuspectedDuplicates } from "~/duplicates/queries.server";
import { refreshSuspectedDuplicates } from "~/duplicates/refresh.server";
import { addDays } from "~/metrics/periods";
import { createTestDb } from "../setup/db";

/** A small demo city: big enough for a few hundred planted duplicates, small enough for a test. */
const CITY = { seed: "duplicates-test", scale: 16_000, days: 120, endDate: "2026-06-30" };

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
  await seedDemoCity(handle.db, CITY);
});
afterAll(async () => {
  await handle?.close();
});

test("on the demo city's planted truth: precision ≥ 0.90 and recall ≥ 0.85, recurrences left alone", async () => {
  const options = resolveOptions(CITY);
  const from = addDays(options.endDate, 1 - options.days);
  const to = addDays(options.endDate, 1);
  const refresh = await refreshSuspectedDuplicates(handle.db, { from, to });
  expect(refresh.excludedTypes).toEqual(expect.arrayContaining(["311 INFORMATION ONLY CALL", "Aircraft Noise Complaint"]));

  const detected = await listSuspectedDuplicates(handle.db, { from, to, scope: ALL_DEPARTMENTS });
  const flagged = await queryRows<{ sr: string }>(handle.db, sql`select sr_number as sr from service_requests where duplicate`);
  const result = evaluateDetector({
    detected,
    truth: plantedDuplicateTruth(CITY),
    flagged: new Set(flagged.map((f) => f.sr)),
  });
  console.info(JSON.stringify({ refresh, result }));

  expect(result.all.truePositives).toBeGreaterThan(100);
  expect(result.all.sameOriginal / result.all.truePositives).toBeGreaterThanOrEqual(0.95);
  expect(result.all.precision).toBeGreaterThanOrEqual(0.9);
  expect(result.all.recall).toBeGreaterThanOrEqual(0.85);
  expect(result.hidden.precision).toBeGreaterThanOrEqual(0.9);
  expect(result.hidden.recall).toBeGreaterThanOrEqual(0.85);
  expect(result.recurrences).toBeGreaterThan(0);
  expect(result.recurrencesLinkedToOriginal).toBe(0);
});
