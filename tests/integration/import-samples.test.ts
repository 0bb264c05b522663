/**
 * The real samples in shared/data: Chicago ones import with the figures their
 * SOURCE.txt / CHICAGO_FORMAT_FACTS.txt state; other cities' files are refused with one line
 * and nothing written.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { queryRows, type DbHandle } from "#db/client.server";
import { importFile, type ImportKind } from "~/imports/run.server";
import { createTestDb } from "../setup/db";
import { SAMPLE_DATA_DIR } from "../setup/data";

const DATA = SAMPLE_DATA_DIR;
const sample = (p: string) => path.join(DATA, p);

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

async function statusCounts(where: ReturnType<typeof sql>) {
  const rows = await queryRows<{ status: string; n: number }>(
    handle.db,
    sql`SELECT status, count(*)::int AS n FROM service_requests WHERE ${where} GROUP BY status`,
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
  const [row] = await queryRows<Record<string, unknown>>(handle.db, query);
  return row as T;
}

describe("Chicago samples", () => {
  test("chicago-2021-jan-nandini (API fields as CSV): 5,000 rows, statuses, 175 duplicates, first created 06:00:09Z", async () => {
    const s = await importFile(handle.db, {
      kind: "requests",
      path: sample("chicago-2021-jan-nandini/chicago_311_data.csv"),
    });
    expect(s).toMatchObject({ status: "succeeded", read: 5000, inserted: 5000, rejected: 0 });
    const where = sql`sr_number LIKE 'SR21-%'`;
    expect(await statusCounts(where)).toEqual({ Completed: 4945, Canceled: 43, Open: 12 });
    const facts = await one<{ dups: number; first: string; open_without_close: number; types: number; en_dash: number }>(
      sql`SELECT count(*) FILTER (WHERE duplicate)::int AS dups,
                 to_char(min(created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') AS first,
                 count(*) FILTER (WHERE closed_at IS NULL)::int AS open_without_close,
                 count(DISTINCT request_type_id)::int AS types,
                 count(*) FILTER (WHERE t.name = 'Snow – Uncleared Sidewalk Complaint')::int AS en_dash
          FROM service_requests r JOIN request_types t ON t.id = r.request_type_id WHERE ${where}`,
    );
    expect(facts).toEqual({ dups: 175, first: "2021-01-01T06:00:09", open_without_close: 12, types: 75, en_dash: 163 });
    const aviation = await one<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM service_requests r JOIN departments d ON d.id = r.department_id
          WHERE d.name = 'Aviation' AND ${where}`,
    );
    expect(aviation.n).toBe(688);
    expect(s.touched?.from).toBe("2021-01-01");
  });

  test("chicago-soda-json-2025-12-street (raw API JSON): 1,328 records, Open 514, 159 duplicates", async () => {
    const s = await importFile(handle.db, {
      kind: "requests",
      path: sample("chicago-soda-json-2025-12-street/filtered_311_calls.json"),
    });
    expect(s).toMatchObject({ status: "succeeded", read: 1328, inserted: 1328, rejected: 0 });
    const where = sql`sr_number LIKE 'SR25-%'`;
    expect(await statusCounts(where)).toEqual({ Completed: 811, Open: 514, Canceled: 3 });
    const facts = await one<{ dups: number; parents: number; open_without_close: number; with_coords: number; ward: number }>(
      sql`SELECT count(*) FILTER (WHERE duplicate)::int AS dups,
                 count(parent_sr_number)::int AS parents,
                 count(*) FILTER (WHERE closed_at IS NULL)::int AS open_without_close,
                 count(latitude)::int AS with_coords,
                 count(ward)::int AS ward
          FROM service_requests WHERE ${where}`,
    );
    expect(facts).toMatchObject({ dups: 159, parents: 159, open_without_close: 514 });
    expect(facts.with_coords).toBeGreaterThan(1300);
    expect(s.touched).toEqual({ from: "2025-12-02", to: expect.any(String) });
  });

  const legacy = readdirSync(sample("chicago-legacy-pertype-2011"))
    .filter((f) => f.endsWith(".csv"))
    .sort();
  test.each(legacy)("chicago-legacy-pertype-2011/%s: every row, '… - Dup' statuses as flagged duplicates", async (file) => {
    const p = sample(`chicago-legacy-pertype-2011/${file}`);
    // Every legacy header starts "Creation Date,Status,Completion Date,Service Request Number".
    const rows = readFileSync(p, "utf8").split("\n").slice(1).filter((l) => l !== "").map((l) => l.split(","));
    const numbers = rows.map((r) => r[3]);
    const dupRows = rows.filter((r) => r[1].endsWith(" - Dup")).length;
    const s = await importFile(handle.db, { kind: "requests", path: p });
    expect(s).toMatchObject({ status: "succeeded", read: rows.length, rejected: 0 });
    const found = await one<{ n: number; dups: number; statuses: string; departments: number }>(
      sql`SELECT count(*)::int AS n, count(*) FILTER (WHERE duplicate)::int AS dups,
                 string_agg(DISTINCT status, ',' ORDER BY status) AS statuses, count(department_id)::int AS departments
          FROM service_requests WHERE sr_number = ANY(${`{${numbers.join(",")}}`}::text[])`,
    );
    expect(found.n).toBe(new Set(numbers).size);
    expect(found.dups).toBe(dupRows);
    expect(found.statuses.split(",").every((st) => st === "Completed" || st === "Open")).toBe(true);
    expect(found.departments).toBe(0);
  });

  test("chicago-open311-georeport-2014-fixture: 2 open requests, offsets honoured, agency as department", async () => {
    const s = await importFile(handle.db, {
      kind: "open311",
      path: sample("chicago-open311-georeport-2014-fixture/service_requests.json"),
    });
    expect(s).toMatchObject({ status: "succeeded", read: 2, inserted: 2, rejected: 0 });
    const row = await one<{ status: string; created: string; dept: string; type: string; code: string; lat: number }>(
      sql`SELECT r.status, to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') AS created,
                 d.name AS dept, t.name AS type, t.short_code AS code, r.latitude AS lat
          FROM service_requests r JOIN departments d ON d.id = r.department_id JOIN request_types t ON t.id = r.request_type_id
          WHERE r.sr_number = '14-01100669'`,
    );
    expect(row).toMatchObject({
      status: "Open",
      created: "2014-07-12T15:58:43",
      dept: "Division of Electrical Operations CDOT",
      type: "Alley Light Out",
      code: "4ffa9cad6018277d4000007b",
    });
    expect(Number(row.lat)).toBeCloseTo(41.858724777757864, 10);
  });
});

describe("files that are not the format", () => {
  const refused: [ImportKind, string, string][] = [
    ["requests", "nyc-portal-export-2022-05/311_Service_Requests_from_2010_to_Present.csv", "no SR_NUMBER"],
    ["requests", "nyc-soda-csv-2024-04/311_Service_Requests.csv", "no SR_NUMBER"],
    ["requests", "nyc-soda-json-2024-05/311_Service_Requests.json", "has no sr_number"],
    ["requests", "nyc-soda-json-2024-05/311_Service_Requests.csv", "no SR_NUMBER"],
    ["requests", "la-myla311-2020-hackforla/test_requests.csv", "no SR_TYPE"],
    ["requests", "baltimore-311-2018-cityrepo/311_sample.csv", "no SR_NUMBER"],
    ["requests", "boston-311-2025-open-saferetrail/311.csv", "no SR_NUMBER"],
    ["requests", "chicago-foia-noheat-2020-egfrank/foia.csv", "no SR_TYPE, CREATED_DATE, STATUS"],
    ["requests", "chicago-311-callcenter-metrics-2011-2014/Performance_Metrics_-_311_Call_Center.csv", "no SR_NUMBER"],
    ["requests", "sf-open311-2011-django-fixture/test.json", "has no sr_number"],
    ["open311", "sf-open311-2011-django-fixture/test.json", "keys are pk, model, fields"],
    ["open311", "chicago-2021-jan-nandini/chicago_311_data.csv", "expected JSON, found CSV"],
    ["work-orders", "chicago-2021-jan-nandini/chicago_311_data.csv", "no WORK_ORDER_NUMBER"],
    ["work-orders", "chicago-soda-json-2025-12-street/filtered_311_calls.json", "expected CSV, found JSON"],
    ["outcome-map", "chicago-2021-jan-nandini/chicago_311_data.csv", "no DEPARTMENT, OUTCOME, CATEGORY"],
  ];
  test.each(refused)("%s %s is refused with one line (%s), nothing written", async (kind, file, reason) => {
    const before = await one<{ runs: number; srs: number }>(
      sql`SELECT (SELECT count(*) FROM import_runs)::int AS runs, (SELECT count(*) FROM service_requests)::int AS srs`,
    );
    const s = await importFile(handle.db, { kind, path: sample(file), displayName: file });
    expect(s.status).toBe("invalid");
    expect(s.runId).toBeNull();
    expect(s.error).toContain(reason);
    expect(s.error).not.toContain("\n");
    const after = await one<{ runs: number; srs: number }>(
      sql`SELECT (SELECT count(*) FROM import_runs)::int AS runs, (SELECT count(*) FROM service_requests)::int AS srs`,
    );
    expect(after).toEqual(before);
  });
});
