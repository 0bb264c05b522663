/**
 * Files written here exercise every rule: encodings, quoting, each reject reason with its
 * physical line, idempotent re-imports, newer-wins, DST, work orders, outcome maps, and a
 * database fault in the middle of a file.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type DbHandle } from "#db/client.server";
import { DEFAULT_OUTCOME_MAPPINGS } from "~/imports/outcome-defaults";
import { ensureDefaultOutcomeMappings } from "~/imports/outcome-mappings.server";
import { formatSummary, importFile, type ImportKind } from "~/imports/run.server";
import { createTestDb } from "../setup/db";

let handle: DbHandle;
let dir: string;
beforeAll(async () => {
  handle = await createTestDb();
  dir = mkdtempSync(path.join(tmpdir(), "compstat-import-"));
});
afterAll(async () => {
  await handle?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string) {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}
const run = (kind: ImportKind, p: string) => importFile(handle.db, { kind, path: p, displayName: path.basename(p) });
async function rows<T>(query: SQL) {
  return queryRows<T>(handle.db, query);
}
const utc = (column: string) => sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')`);

const HEADER =
  "SR_NUMBER,SR_TYPE,SR_SHORT_CODE,OWNER_DEPARTMENT,STATUS,CREATED_DATE,LAST_MODIFIED_DATE,CLOSED_DATE,STREET_ADDRESS,DUPLICATE,LATITUDE,LONGITUDE";

describe("requests CSV (portal export shape)", () => {
  const lines = [
    HEADER,
    'A-1,Pothole in Street Complaint,PHF,CDOT - Department of Transportation,Completed,12/02/2025 11:59:03 PM,12/03/2025 08:00:00 AM,12/03/2025 07:00:00 AM,"100 N STATE ST, UNIT 5",false,41.88,-87.62',
    'A-2,Pothole in Street Complaint,PHF,CDOT - Department of Transportation,Open,12/02/2025 10:00:00 AM,12/02/2025 10:00:00 AM,,"1 ""A"" ST',
    'REAR",False,,',
    "A-3,Pothole in Street Complaint,PHF,CDOT",
    ",Pothole in Street Complaint,PHF,CDOT - Department of Transportation,Open,12/02/2025 10:00:00 AM,,,X,false,,",
    "A-4,Pothole in Street Complaint,PHF,CDOT - Department of Transportation,Open,13/45/2025 11:00:00 PM,,,X,false,,",
    "A-5,Pothole in Street Complaint,PHF,CDOT - Department of Transportation,Completed,12/02/2025 10:00:00 AM,,12/01/2025 10:00:00 AM,X,false,,",
    'A-1,Pothole in Street Complaint,PHF,CDOT - Department of Transportation,Completed,12/02/2025 11:59:03 PM,12/03/2025 08:00:00 AM,12/03/2025 07:00:00 AM,"100 N STATE ST, UNIT 5",false,41.88,-87.62',
    "A-6,Snow – Uncleared Sidewalk Complaint,SWSNOREM,Streets and Sanitation,Completed,12/02/2025 09:00:00 AM,,12/02/2025 09:30:00 AM,,True,,",
    "A-7,Snow – Uncleared Sidewalk Complaint,SWSNOREM,Streets and Sanitation,Open,,,,X,false,,",
    "",
    "A-8,Snow – Uncleared Sidewalk Complaint,SWSNOREM,Streets and Sanitation,Open,12/02/2025 09:00:00 AM,,,X,maybe,,",
  ];
  const text = "\uFEFF" + lines.join("\r\n") + "\r\n";

  test("BOM, CRLF, quoted commas, quotes and newlines; each reject with its physical line", async () => {
    const s = await run("requests", write("dirty.csv", text));
    expect(formatSummary(s)).toEqual([
      "imported dirty.csv: read 10, inserted 3, updated 0, unchanged 0, rejected 7",
      "dirty.csv:5: has 4 fields, the header has 12",
      "dirty.csv:6: SR_NUMBER is empty",
      'dirty.csv:7: CREATED_DATE "13/45/2025 11:00:00 PM" is not a date (expected e.g. 2021-01-01T00:00:09 or 12/02/2025 11:59:03 PM)',
      "dirty.csv:8: CLOSED_DATE is before CREATED_DATE",
      "dirty.csv:9: exact duplicate of line 2",
      "dirty.csv:11: CREATED_DATE is empty",
      'dirty.csv:13: DUPLICATE "maybe" is not true or false',
    ]);
    const [a2] = await rows<{ street_address: string; duplicate: boolean }>(
      sql`SELECT street_address, duplicate FROM service_requests WHERE sr_number = 'A-2'`,
    );
    expect(a2).toEqual({ street_address: '1 "A" ST\r\nREAR', duplicate: false });
    const [a1] = await rows<{ created: string; closed: string; street_address: string; latitude: number }>(
      sql`SELECT ${utc("created_at")} AS created, ${utc("closed_at")} AS closed, street_address, latitude FROM service_requests WHERE sr_number = 'A-1'`,
    );
    expect(a1).toEqual({
      created: "2025-12-03T05:59:03",
      closed: "2025-12-03T13:00:00",
      street_address: "100 N STATE ST, UNIT 5",
      latitude: 41.88,
    });
    const [a6] = await rows<{ duplicate: boolean; type: string; code: string; dept: string }>(
      sql`SELECT r.duplicate, t.name AS type, t.short_code AS code, d.name AS dept FROM service_requests r
          JOIN request_types t ON t.id = r.request_type_id JOIN departments d ON d.id = r.department_id WHERE r.sr_number = 'A-6'`,
    );
    expect(a6).toEqual({ duplicate: true, type: "Snow – Uncleared Sidewalk Complaint", code: "SWSNOREM", dept: "Streets and Sanitation" });
    const [runRow] = await rows<Record<string, unknown>>(
      sql`SELECT status, rows_read, inserted, updated, unchanged, rejected, sha256, duration_ms, file_name FROM import_runs WHERE id = ${s.runId}`,
    );
    expect(runRow).toMatchObject({ status: "succeeded", rows_read: 10, inserted: 3, rejected: 7, file_name: "dirty.csv" });
    expect(runRow.sha256).toMatch(/^[0-9a-f]{64}$/);
    const stored = await rows<{ line: number }>(sql`SELECT line FROM import_rejects WHERE run_id = ${s.runId} ORDER BY line`);
    expect(stored.map((r) => r.line)).toEqual([5, 6, 7, 8, 9, 11, 13]);
    expect(s.touched).toEqual({ from: "2025-12-02", to: "2025-12-03" });
  });

  test("re-importing the same file changes nothing and counts every kept row as unchanged", async () => {
    const s = await run("requests", write("dirty-again.csv", text));
    expect(s).toMatchObject({ status: "succeeded", read: 10, inserted: 0, updated: 0, unchanged: 3, rejected: 7, touched: null });
    const [{ n }] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM service_requests WHERE sr_number LIKE 'A-%'`);
    expect(n).toBe(3);
  });

  test("an overlapping newer export updates; an older version of a row leaves it alone", async () => {
    const overlap = [
      // newer: A-2 closed
      "A-2,Pothole in Street Complaint,PHF,CDOT - Department of Transportation,Completed,12/02/2025 10:00:00 AM,12/05/2025 10:00:00 AM,12/05/2025 09:00:00 AM,1 A ST,false,,",
      // older than what is stored: A-1 reopened long ago
      "A-1,Pothole in Street Complaint,PHF,CDOT - Department of Transportation,Open,12/02/2025 11:59:03 PM,12/03/2025 07:30:00 AM,,X,false,,",
      // new
      "A-9,Pothole in Street Complaint,PHF,CDOT - Department of Transportation,Open,12/04/2025 10:00:00 AM,12/04/2025 10:00:00 AM,,X,false,,",
      // two versions of one SR in one file: the newer wins whatever the order
      "A-10,Pothole in Street Complaint,PHF,CDOT - Department of Transportation,Completed,12/04/2025 10:00:00 AM,12/06/2025 10:00:00 AM,12/06/2025 10:00:00 AM,X,false,,",
      "A-10,Pothole in Street Complaint,PHF,CDOT - Department of Transportation,Open,12/04/2025 10:00:00 AM,12/04/2025 10:00:00 AM,,X,false,,",
    ];
    const s = await run("requests", write("overlap.csv", [HEADER, ...overlap].join("\n")));
    expect(s).toMatchObject({ status: "succeeded", read: 5, inserted: 2, updated: 1, unchanged: 2, rejected: 0 });
    const found = await rows<{ sr_number: string; status: string }>(
      sql`SELECT sr_number, status FROM service_requests WHERE sr_number IN ('A-1', 'A-2', 'A-10') ORDER BY sr_number`,
    );
    expect(found).toEqual([
      { sr_number: "A-1", status: "Completed" },
      { sr_number: "A-10", status: "Completed" },
      { sr_number: "A-2", status: "Completed" },
    ]);
    // A-2's old (Dec 2) and new (Dec 5) times, A-9 and A-10 up to Dec 6
    expect(s.touched).toEqual({ from: "2025-12-02", to: "2025-12-06" });
  });

  test("API shape as JSON: the line each record starts on", async () => {
    const json = `[
  {"sr_number": "J-1", "sr_type": "Graffiti Removal Request", "sr_short_code": "GRAF", "owner_department": "Streets and Sanitation",
   "status": "Open", "created_date": "2021-01-01T00:00:09.000", "duplicate": true, "ward": "44",
   "location": {"latitude": "41.9", "longitude": "-87.7", "human_address": "{\\"address\\": \\"\\"}"}},
  {"sr_type": "Graffiti Removal Request", "status": "Open", "created_date": "2021-01-01T00:00:09.000"},
  {"sr_number": "J-2", "sr_type": "Graffiti Removal Request", "status": "Open",
   "created_date": "2021-01-02T00:00:09.000", "closed_date": "2021-01-01T00:00:09.000"}
]`;
    const s = await run("requests", write("api.json", json));
    expect(formatSummary(s)).toEqual([
      "imported api.json: read 3, inserted 1, updated 0, unchanged 0, rejected 2",
      "api.json:5: sr_number is empty",
      "api.json:6: closed_date is before created_date",
    ]);
    const [j1] = await rows<{ created: string; duplicate: boolean; ward: number; latitude: number }>(
      sql`SELECT ${utc("created_at")} AS created, duplicate, ward, latitude FROM service_requests WHERE sr_number = 'J-1'`,
    );
    expect(j1).toEqual({ created: "2021-01-01T06:00:09", duplicate: true, ward: 44, latitude: 41.9 });
  });

  test("a file truncated in the middle fails, keeps nothing, and says where", async () => {
    const s = await run("requests", write("truncated.json", '[\n{"sr_number": "T-1", "sr_type": "X", "status": "Open", "created_date": "2021-01-01"},\n{"sr_number": "T-2", "sr'));
    expect(s.status).toBe("failed");
    expect(s.error).toContain("line 3");
    const [{ n }] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM service_requests WHERE sr_number LIKE 'T-%'`);
    expect(n).toBe(0);
  });
});

describe("text survives staging byte for byte", () => {
  test("tabs, backslashes, \\N, quotes and line breaks inside fields", async () => {
    const street = 'back\\slash \\N\ttab "q" \r\nnext';
    const p = write(
      "escapes.csv",
      `sr_number,sr_type,status,created_date,street_address\nE-1,Tree Trim,Open,2025-06-01T10:00:00,"${street.replace(/"/g, '""')}"\n`,
    );
    expect(await run("requests", p)).toMatchObject({ status: "succeeded", inserted: 1 });
    const [row] = await rows<{ street_address: string }>(sql`SELECT street_address FROM service_requests WHERE sr_number = 'E-1'`);
    expect(row.street_address).toBe(street);
  });
});

describe("local times across daylight-saving changes (America/Chicago)", () => {
  test("fall-back hour reads as standard time, spring-forward gap as the hour after", async () => {
    const s = await run(
      "requests",
      write(
        "dst.csv",
        [
          "sr_number,sr_type,status,created_date,closed_date",
          "D-1,Tree Trim,Completed,2025-11-02T01:30:00.000,2025-11-02T03:00:00.000",
          "D-2,Tree Trim,Open,2025-03-09T02:30:00.000,",
          "D-3,Tree Trim,Open,03/09/2025 01:59:59 AM,",
        ].join("\n"),
      ),
    );
    expect(s).toMatchObject({ status: "succeeded", inserted: 3, rejected: 0 });
    const found = await rows<{ sr_number: string; created: string; days: number | null }>(
      sql`SELECT sr_number, ${utc("created_at")} AS created,
                 extract(epoch FROM closed_at - created_at)::float8 / 86400 AS days
          FROM service_requests WHERE sr_number LIKE 'D-%' ORDER BY sr_number`,
    );
    expect(found).toEqual([
      { sr_number: "D-1", created: "2025-11-02T07:30:00", days: 1.5 / 24 },
      { sr_number: "D-2", created: "2025-03-09T08:30:00", days: null },
      { sr_number: "D-3", created: "2025-03-09T07:59:59", days: null },
    ]);
  });
});

const WO_HEADER =
  "SR_NUMBER,WORK_ORDER_NUMBER,WORK_ORDER_TYPE,DEPARTMENT,SEQUENCE,CREATED_DATE,COMPLETED_DATE,STATUS,OUTCOME,SLA_DAYS,SLA_KIND";

describe("work-order CSV", () => {
  const text = [
    WO_HEADER,
    "A-1,W-1,Pothole Repair,CDOT - Department of Transportation,1,12/03/2025 08:00:00 AM,12/04/2025 08:00:00 AM,Completed,Repaired,7,estimated",
    "A-1,W-2,Pothole Inspection,CDOT - Department of Transportation,2,12/04/2025 08:00:00 AM,,Open,,3.5,median",
    "NOPE-1,W-3,Pothole Repair,CDOT - Department of Transportation,1,12/03/2025 08:00:00 AM,,Open,,7,estimated",
    "A-2,W-4,Pothole Repair,CDOT - Department of Transportation,1,12/03/2025 08:00:00 AM,,Open,,seven,estimated",
    "A-2,W-5,Pothole Repair,CDOT - Department of Transportation,1,12/03/2025 08:00:00 AM,12/02/2025 08:00:00 AM,Canceled,,7,estimated",
    "A-1,W-1,Pothole Repair,CDOT - Department of Transportation,1,12/03/2025 08:00:00 AM,12/04/2025 08:00:00 AM,Completed,Repaired,7,estimated",
    "A-2,W-6,Pothole Repair,CDOT - Department of Transportation,1,12/03/2025 08:00:00 AM,,Open,,7,guess",
    "A-2,,Pothole Repair,CDOT - Department of Transportation,1,12/03/2025 08:00:00 AM,,Open,,7,estimated",
    "A-2,W-7,Pothole Repair,CDOT - Department of Transportation,1,12/03/2025 08:00:00 AM,,Pending,,7,estimated",
  ].join("\n");

  test("rejects with reasons and lines; SLA, kind and sequence kept", async () => {
    const s = await run("work-orders", write("wo.csv", text));
    expect(formatSummary(s)).toEqual([
      "imported wo.csv: read 9, inserted 2, updated 0, unchanged 0, rejected 7",
      "wo.csv:4: SR_NUMBER NOPE-1 is not a known service request (import the requests first)",
      'wo.csv:5: SLA_DAYS "seven" is not a number of days',
      "wo.csv:6: COMPLETED_DATE is before CREATED_DATE",
      "wo.csv:7: exact duplicate of line 2",
      'wo.csv:8: SLA_KIND "guess" is not one of estimated, median',
      "wo.csv:9: WORK_ORDER_NUMBER is empty",
      'wo.csv:10: STATUS "Pending" is not Open, Completed or Canceled',
    ]);
    const found = await rows<{ wo_number: string; sequence: number; sla_days: string; sla_kind: string; type: string }>(
      sql`SELECT w.wo_number, w.sequence, w.sla_days::text AS sla_days, w.sla_kind, t.name AS type
          FROM work_orders w JOIN work_order_types t ON t.id = w.work_order_type_id ORDER BY w.wo_number`,
    );
    expect(found).toEqual([
      { wo_number: "W-1", sequence: 1, sla_days: "7", sla_kind: "estimated", type: "Pothole Repair" },
      { wo_number: "W-2", sequence: 2, sla_days: "3.5", sla_kind: "median", type: "Pothole Inspection" },
    ]);
    expect(s.touched).toEqual({ from: "2025-12-03", to: "2025-12-04" });
  });

  test("re-import is unchanged; a changed WO is updated with its old and new dates touched", async () => {
    const again = await run("work-orders", write("wo-again.csv", text));
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, rejected: 7, touched: null });
    const changed = await run(
      "work-orders",
      write(
        "wo-changed.csv",
        [
          WO_HEADER,
          "A-1,W-2,Pothole Inspection,CDOT - Department of Transportation,2,12/04/2025 08:00:00 AM,12/09/2025 08:00:00 AM,Completed,No Cause Found,3.5,median",
        ].join("\n"),
      ),
    );
    expect(changed).toMatchObject({ read: 1, inserted: 0, updated: 1, unchanged: 0, touched: { from: "2025-12-04", to: "2025-12-09" } });

    // The first file again, after another one changed W-2: it is applied for real and puts W-2 back.
    const back = await run("work-orders", write("wo-back.csv", text));
    expect(back).toMatchObject({ inserted: 0, updated: 1, unchanged: 1, rejected: 7 });
    // The same bytes read in another time zone are other instants.
    const eastern = await importFile(handle.db, { kind: "work-orders", path: write("wo-east.csv", text), timeZone: "America/New_York" });
    expect(eastern).toMatchObject({ inserted: 0, updated: 2, unchanged: 0, rejected: 7 });
  });
});

describe("a database fault in the middle of a file", () => {
  test("marks the run failed, leaves nothing half-visible, and a re-run finishes the job", async () => {
    await handle.db.execute(sql`CREATE TABLE import_fault_switch (sr_number text PRIMARY KEY)`);
    await handle.db.execute(sql`INSERT INTO import_fault_switch VALUES ('F-3')`);
    await handle.db.execute(
      sql.raw(`CREATE FUNCTION import_fault() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM import_fault_switch WHERE sr_number = NEW.sr_number) THEN
            RAISE EXCEPTION 'injected fault at %', NEW.sr_number;
          END IF;
          RETURN NEW;
        END $$`),
    );
    await handle.db.execute(
      sql`CREATE TRIGGER import_fault BEFORE INSERT OR UPDATE ON service_requests FOR EACH ROW EXECUTE FUNCTION import_fault()`,
    );
    const body = [1, 2, 3, 4, 5].map((i) => `F-${i},Tree Trim,Open,2025-06-0${i}T10:00:00.000,`);
    const p = write("fault.csv", ["sr_number,sr_type,status,created_date,closed_date", ...body, "F-1,Tree Trim,Open,bad,"].join("\n"));
    const failed = await run("requests", p);
    expect(failed.status).toBe("failed");
    expect(failed.error).toContain("injected fault at F-3");
    const [state] = await rows<{ srs: number; rejects: number; types: number; status: string; error: string }>(
      sql`SELECT (SELECT count(*) FROM service_requests WHERE sr_number LIKE 'F-%')::int AS srs,
                 (SELECT count(*) FROM import_rejects WHERE run_id = ${failed.runId})::int AS rejects,
                 (SELECT count(*) FROM request_types WHERE name = 'Tree Trim' AND id NOT IN (SELECT request_type_id FROM service_requests))::int AS types,
                 status, error FROM import_runs WHERE id = ${failed.runId}`,
    );
    expect(state).toMatchObject({ srs: 0, rejects: 0, types: 0, status: "failed" });
    expect(state.error).toContain("injected fault");

    await handle.db.execute(sql`DELETE FROM import_fault_switch`);
    const retried = await run("requests", p);
    expect(retried).toMatchObject({ status: "succeeded", read: 6, inserted: 5, rejected: 1 });
    const [{ n }] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM service_requests WHERE sr_number LIKE 'F-%'`);
    expect(n).toBe(5);
    await handle.db.execute(sql`DROP TRIGGER import_fault ON service_requests`);
  });
});

describe("outcome maps", () => {
  test("defaults are inserted once, each with an audit entry", async () => {
    const first = await ensureDefaultOutcomeMappings(handle.db);
    expect(first.inserted).toBe(DEFAULT_OUTCOME_MAPPINGS.length);
    expect((await ensureDefaultOutcomeMappings(handle.db)).inserted).toBe(0);
    const [{ n }] = await rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'outcome_mapping' AND action = 'create'`,
    );
    expect(n).toBe(DEFAULT_OUTCOME_MAPPINGS.length);
  });

  test("DEPARTMENT,OUTCOME,CATEGORY: upserts, audits before/after, rejects unknown categories", async () => {
    const p = write(
      "map.csv",
      [
        "DEPARTMENT,OUTCOME,CATEGORY",
        "Streets and Sanitation,Area Inspected - No Rats,no_cause",
        ",  work completed ,work_done",
        "Streets and Sanitation,Gone Fishing,fishing",
        "Aviation,Referred to FAA,transferred",
        "Streets and Sanitation,Area Inspected - No Rats,no_cause",
        ",Duplicate,already_addressed",
      ].join("\n"),
    );
    const s = await run("outcome-map", p);
    expect(formatSummary(s)).toEqual([
      "imported map.csv: read 6, inserted 2, updated 1, unchanged 1, rejected 2",
      'map.csv:4: CATEGORY "fishing" is not one of work_done, no_cause, already_addressed, duplicate, cancelled, transferred, unable_to_locate, other',
      "map.csv:6: exact duplicate of line 2",
    ]);
    const [audit] = await rows<{ before: { category: string }; after: { category: string }; actor_label: string }>(
      sql`SELECT before, after, actor_label FROM audit_log WHERE entity_type = 'outcome_mapping' AND action = 'update'`,
    );
    expect(audit.before.category).toBe("duplicate");
    expect(audit.after.category).toBe("already_addressed");
    const again = await run("outcome-map", p);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 4, rejected: 2 });
  });
});

describe("fresh loads", () => {
  const catalog = () =>
    rows<{ indexes: number; fks: number }>(
      sql`SELECT (SELECT count(*) FROM pg_index WHERE indrelid = 'work_orders'::regclass)::int AS indexes,
                 (SELECT count(*) FROM pg_constraint WHERE conrelid = 'work_orders'::regclass AND contype = 'f')::int AS fks`,
    );

  test("rebuild the indexes and re-check the foreign keys they set aside, or fail the load", async () => {
    const { withFreshLoadDeferrals } = await import("~/imports/apply.server");
    await handle.db.execute(sql`DELETE FROM work_orders`);
    const [before] = await catalog();
    await expect(
      handle.db.transaction(async (tx) => {
        await withFreshLoadDeferrals(tx, "work_orders", 1_000_000, async (fresh) => {
          expect(fresh).toBe(true);
          const [during] = await queryRows<{ indexes: number; fks: number }>(
            tx as never,
            sql`SELECT (SELECT count(*) FROM pg_index WHERE indrelid = 'work_orders'::regclass)::int AS indexes,
                       (SELECT count(*) FROM pg_constraint WHERE conrelid = 'work_orders'::regclass AND contype = 'f')::int AS fks`,
          );
          expect(during).toEqual({ indexes: 1, fks: 0 });
          await tx.execute(
            sql`INSERT INTO work_orders (wo_number, sr_number, work_order_type_id, department_id, status, created_at)
                VALUES ('ORPHAN', 'NO-SUCH-SR', 1, 1, 'Open', now())`,
          );
        });
      }),
    ).rejects.toThrow();
    const [after] = await catalog();
    expect(after).toEqual(before);
    const [{ n }] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM work_orders`);
    expect(n).toBe(0);
  });
});
