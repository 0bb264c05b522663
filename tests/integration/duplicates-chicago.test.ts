import path from "node:path";
import { sql } from "drizzle-orm";
import { queryRows, type DbHandle } from "#db/client.server";
import { ALL_DEPARTMENTS } from "~/auth/scope";
import { listSuspectedDuplicates } from "~/duplicates/queries.server";
import { refreshSuspectedDuplicates } from "~/duplicates/refresh.server";
import { importFile } from "~/imports/run.server";
import { createTestDb } from "../setup/db";
import { SAMPLE_DATA_DIR } from "../setup/data";

/**
 * Chicago's own coupled duplicates (January 2021 sample) as a check on real data: the
 * detector runs as if the DUPLICATE flag did not exist, and must find the coupled
 * duplicates whose parent is in the sample.
 */
const SAMPLE = path.join(SAMPLE_DATA_DIR, "chicago-2021-jan-nandini/chicago_311_data.csv");
const PERIOD = { from: "2021-01-01", to: "2021-01-03" };

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
  const summary = await importFile(handle.db, { kind: "requests", path: SAMPLE, timeZone: "America/Chicago" });
  expect(summary.status).toBe("succeeded");
});
afterAll(async () => {
  await handle?.close();
});

test("finds Chicago's coupled duplicates whose parent is in the sample, ignoring the flag", async () => {
  const refresh = await refreshSuspectedDuplicates(handle.db, { ...PERIOD, timeZone: "America/Chicago" });
  expect(refresh.excludedTypes).toEqual(expect.arrayContaining(["311 INFORMATION ONLY CALL", "Aircraft Noise Complaint"]));
  const detected = new Map(
    (await listSuspectedDuplicates(handle.db, { ...PERIOD, scope: ALL_DEPARTMENTS, timeZone: "America/Chicago" })).map((d) => [d.srNumber, d]),
  );
  const coupled = await queryRows<{ sr: string; parent: string; parentInSample: boolean }>(
    handle.db,
    sql`select s.sr_number as sr, s.parent_sr_number as parent, p.sr_number is not null as "parentInSample"
          from service_requests s left join service_requests p on p.sr_number = s.parent_sr_number
         where s.duplicate`,
  );
  const withParent = coupled.filter((c) => c.parentInSample);
  const found = coupled.filter((c) => detected.has(c.sr));
  const foundWithParent = withParent.filter((c) => detected.has(c.sr));
  const sameParent = withParent.filter((c) => detected.get(c.sr)?.duplicateOf === c.parent);
  const unflagged = [...detected.values()].filter((d) => !d.flagged);
  console.info(
    JSON.stringify({
      coupled: coupled.length,
      withParentInSample: withParent.length,
      found: found.length,
      foundWithParentInSample: foundWithParent.length,
      namingTheirParent: sameParent.length,
      suspectedAmongUnflagged: unflagged.length,
      ms: refresh.ms,
    }),
  );
  expect(coupled).toHaveLength(175);
  expect(foundWithParent.length / withParent.length).toBeGreaterThanOrEqual(0.85);
});
