import { sql } from "drizzle-orm";
import { queryRows, type DbHandle } from "#db/client.server";
import { departments, requestTypes, serviceRequests, workOrders, workOrderTypes } from "#db/schema";
import { ALL_DEPARTMENTS, departmentsScope } from "~/auth/scope";
import { listSuspectedDuplicates, suspectedDuplicatesCsv } from "~/duplicates/queries.server";
import { refreshPendingSuspectedDuplicates, refreshSuspectedDuplicates } from "~/duplicates/refresh.server";
import { localTimeToInstant } from "~/metrics/periods";
import { createTestDb } from "../setup/db";

const at = (day: number, hour: number, minute = 0) =>
  localTimeToInstant({ year: 2026, month: 3, day, hour, minute }, "America/Chicago");
/** ~1 m of latitude, in degrees */
const M = 1 / 111_195;

let handle: DbHandle;
let streets: number;
let water: number;

beforeAll(async () => {
  handle = await createTestDb();
  const db = handle.db;
  [{ id: streets }, { id: water }] = await db
    .insert(departments)
    .values([{ name: "Streets and Sanitation" }, { name: "DWM - Department of Water Management" }])
    .returning({ id: departments.id });
  const [info] = await db.insert(departments).values({ name: "311 City Services" }).returning({ id: departments.id });
  const types = await db
    .insert(requestTypes)
    .values([
      { name: "Pothole in Street Complaint", departmentId: streets },
      { name: "Water On Street Complaint", departmentId: water },
      // Not named in the parameters: excluded because its calls close the moment they open.
      { name: "General Information Request", departmentId: info.id },
    ])
    .returning({ id: requestTypes.id });
  const [pothole, waterOnStreet, infoCall] = types.map((t) => t.id);
  const sr = (
    srNumber: string,
    requestTypeId: number,
    departmentId: number,
    createdAt: Date,
    extra: Partial<typeof serviceRequests.$inferInsert> = {},
  ): typeof serviceRequests.$inferInsert => ({
    srNumber,
    requestTypeId,
    departmentId,
    status: "Open",
    createdAt,
    streetAddress: "1234 N MAIN ST",
    latitude: 41.9,
    longitude: -87.65,
    ...extra,
  });
  await db.insert(serviceRequests).values([
    sr("SR26-00000001", pothole, streets, at(2, 9), { status: "Completed", closedAt: at(6, 9) }),
    // hidden: same place, original still open, closed "Already Completed"
    sr("SR26-00000002", pothole, streets, at(3, 10), { status: "Completed", closedAt: at(3, 12), streetAddress: "1234 North Main Street" }),
    // coupled by the department
    sr("SR26-00000003", pothole, streets, at(4, 8), { duplicate: true, parentSrNumber: "SR26-00000001", status: "Completed", closedAt: at(6, 9) }),
    // a recurrence, weeks after the first closed
    sr("SR26-00000004", pothole, streets, at(28, 9)),
    // nearby on the same street, the day after the first closed: hidden, cancelled
    sr("SR26-00000005", pothole, streets, at(8, 9), { streetAddress: "1240 N MAIN ST", latitude: 41.9 + 15 * M, status: "Canceled", closedAt: at(8, 10) }),
    // same address, another type: not a duplicate
    sr("SR26-00000006", waterOnStreet, water, at(3, 11)),
    sr("SR26-00000007", waterOnStreet, water, at(3, 15), { streetAddress: "1234 N Main St #2" }),
    // before the period, still open when it starts
    sr("SR26-00000008", waterOnStreet, water, localTimeToInstant({ year: 2026, month: 2, day: 20, hour: 9 }), {
      streetAddress: "500 W ELM ST",
      latitude: 41.91,
    }),
    sr("SR26-00000009", waterOnStreet, water, at(10, 9), { streetAddress: "500 W Elm Street", latitude: 41.91 }),
    ...Array.from({ length: 12 }, (_, i) =>
      sr(`SR26-1000${String(i).padStart(4, "0")}`, infoCall, info.id, at(5, 8 + i), {
        status: "Completed",
        closedAt: at(5, 8 + i),
        streetAddress: "2111 W Lexington ST",
      }),
    ),
  ]);
  const [woType] = await db.insert(workOrderTypes).values({ name: "Pothole Repair", departmentId: streets }).returning({ id: workOrderTypes.id });
  await db.insert(workOrders).values([
    { woNumber: "WO-2", srNumber: "SR26-00000002", workOrderTypeId: woType.id, departmentId: streets, status: "Completed", createdAt: at(3, 10), completedAt: at(3, 12), outcome: "Already Completed" },
    { woNumber: "WO-5", srNumber: "SR26-00000005", workOrderTypeId: woType.id, departmentId: streets, status: "Canceled", createdAt: at(8, 9), completedAt: at(8, 10) },
  ]);
});

afterAll(async () => {
  await handle?.close();
});

const MARCH = { from: "2026-03-01", to: "2026-04-01" };

test("finds hidden and coupled duplicates, leaves recurrences, other types and info calls alone", async () => {
  const result = await refreshSuspectedDuplicates(handle.db, MARCH);
  expect(result.excludedTypes).toEqual(["General Information Request"]);
  const rows = await listSuspectedDuplicates(handle.db, { ...MARCH, scope: ALL_DEPARTMENTS });
  expect(rows.map((r) => [r.srNumber, r.duplicateOf, r.matchedBy, r.flagged, r.outcome])).toEqual([
    ["SR26-00000002", "SR26-00000001", "address", false, "Already Completed"],
    ["SR26-00000007", "SR26-00000006", "address", false, null],
    ["SR26-00000003", "SR26-00000001", "address", true, null],
    ["SR26-00000005", "SR26-00000001", "distance", false, "Canceled"],
    ["SR26-00000009", "SR26-00000008", "address", false, null],
  ]);
  const five = rows.find((r) => r.srNumber === "SR26-00000005")!;
  expect(five.distanceM).toBeCloseTo(15, 0);
  // six days by the clock, one hour fewer in fact: the clocks sprang forward on 8 March
  expect(five.gapHours).toBe(6 * 24 - 1);
  expect(five.created).toBe("2026-03-08 09:00:00");
  expect(result.detected).toBe(5);
});

test("scoped: a department head sees only their own department's requests", async () => {
  await refreshSuspectedDuplicates(handle.db, MARCH);
  const own = await listSuspectedDuplicates(handle.db, { ...MARCH, scope: departmentsScope([water]) });
  expect(own.map((r) => r.srNumber)).toEqual(["SR26-00000007", "SR26-00000009"]);
  expect(await listSuspectedDuplicates(handle.db, { ...MARCH, scope: departmentsScope([water]), departmentId: streets })).toEqual([]);
  expect(
    (await listSuspectedDuplicates(handle.db, { ...MARCH, scope: ALL_DEPARTMENTS, departmentId: streets, onlyHidden: true })).map((r) => r.srNumber),
  ).toEqual(["SR26-00000002", "SR26-00000005"]);
});

test("a refresh replaces only its own period, and repeating it changes nothing", async () => {
  await refreshSuspectedDuplicates(handle.db, MARCH);
  const count = async () =>
    (await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from suspected_duplicates`))[0].n;
  expect(await count()).toBe(5);
  await refreshSuspectedDuplicates(handle.db, MARCH);
  expect(await count()).toBe(5);
  // a refresh of the first week alone must leave the rest of March in place
  await refreshSuspectedDuplicates(handle.db, { from: "2026-03-01", to: "2026-03-08" });
  expect(await count()).toBe(5);
  await handle.db.execute(sql`delete from suspected_duplicates`);
  await refreshSuspectedDuplicates(handle.db, { from: "2026-03-08", to: "2026-03-15" });
  expect((await listSuspectedDuplicates(handle.db, { ...MARCH, scope: ALL_DEPARTMENTS })).map((r) => r.srNumber)).toEqual([
    "SR26-00000005",
    "SR26-00000009",
  ]);
});

test("CSV names the pair first, then what a person needs to check it", async () => {
  await refreshSuspectedDuplicates(handle.db, MARCH);
  const csv = suspectedDuplicatesCsv(await listSuspectedDuplicates(handle.db, { ...MARCH, scope: ALL_DEPARTMENTS }));
  const [header, first] = csv.split("\n");
  expect(header).toBe(
    "SR_NUMBER,DUPLICATE_OF,TYPE,DEPARTMENT,CREATED,DUPLICATE_OF_CREATED,ADDRESS,DUPLICATE_OF_ADDRESS,DISTANCE_M,GAP_HOURS,MATCHED_BY,OUTCOME,STATUS,FLAGGED",
  );
  expect(first).toBe(
    "SR26-00000002,SR26-00000001,Pothole in Street Complaint,Streets and Sanitation,2026-03-03 10:00:00,2026-03-02 09:00:00,1234 North Main Street,1234 N MAIN ST,0,25,address,Already Completed,Completed,false",
  );
});

test("after an import, the refresh reaches past the touched dates by the window after close", async () => {
  await handle.db.execute(sql`delete from suspected_duplicates`);
  // touched 2–5 March: SR …05 (created 8 March) depends on …01 closing on 6 March and is
  // within the 72 h reach; …09 (10 March) is not
  // Two imports left overlapping spans; one run covers their union and consumes both.
  await handle.db.execute(sql`insert into suspected_duplicates_pending (from_day, to_day) values ('2026-03-03', '2026-03-05'), ('2026-03-02', '2026-03-04')`);
  const result = await refreshPendingSuspectedDuplicates(handle.db);
  expect(result?.period).toEqual({ from: "2026-03-02", to: "2026-03-09" });
  expect(await refreshPendingSuspectedDuplicates(handle.db)).toBeNull();
  expect((await listSuspectedDuplicates(handle.db, { ...MARCH, scope: ALL_DEPARTMENTS })).map((r) => r.srNumber)).toEqual([
    "SR26-00000002",
    "SR26-00000007",
    "SR26-00000003",
    "SR26-00000005",
  ]);
});
