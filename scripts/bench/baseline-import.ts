import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { psql } from "./pg";
import { timed } from "./report";

/**
 * The fastest load a DBA would write by hand: `\copy` both exports into text staging
 * tables, then one typed INSERT … SELECT per table into our own (migrated) tables, with
 * our indexes and foreign keys in place. No validation, no reject rows, no idempotency:
 * a floor for the importer, not a rival.
 */

const REQUEST_COLUMNS = [
  "sr_number", "sr_type", "sr_short_code", "created_department", "owner_department", "status", "origin",
  "created_date", "last_modified_date", "closed_date", "street_address", "city", "state", "zip_code",
  "street_number", "street_direction", "street_name", "street_type", "duplicate", "legacy_record",
  "legacy_sr_number", "parent_sr_number", "community_area", "ward", "electrical_district",
  "electricity_grid", "police_sector", "police_district", "police_beat", "precinct",
  "sanitation_division_days", "created_hour", "created_day_of_week", "created_month",
  "x_coordinate", "y_coordinate", "latitude", "longitude", "location",
];
const WORK_ORDER_COLUMNS = [
  "sr_number", "work_order_number", "work_order_type", "department", "sequence", "created_date",
  "completed_date", "status", "outcome", "sla_days", "sla_kind",
];

/** Staging columns in the file's header order; names outside the known set become extra_N, so no header text reaches SQL. */
async function stagingColumns(file: string, known: string[]): Promise<string[]> {
  const lines = createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity });
  let header = "";
  for await (const line of lines) {
    header = line.replace(/^\uFEFF/, "");
    break;
  }
  lines.close();
  return header.split(",").map((raw, i) => {
    const name = raw.trim().replace(/^"|"$/g, "").toLowerCase();
    return known.includes(name) ? name : `extra_${i}`;
  });
}

const ts = (col: string) => `(nullif(${col}, '')::timestamp at time zone :'tz')`;

function requestInserts() {
  return [
    `insert into departments (name)
       select distinct owner_department from stage_requests where owner_department <> ''
       union select distinct department from stage_work_orders where department <> ''
     on conflict (name) do nothing`,
    `insert into request_types (name, short_code, department_id)
       select distinct on (s.sr_type) s.sr_type, nullif(s.sr_short_code, ''), d.id
       from stage_requests s left join departments d on d.name = s.owner_department
       where s.sr_type <> '' order by s.sr_type
     on conflict (name) do nothing`,
    `insert into service_requests (sr_number, request_type_id, department_id, status, origin, created_at,
        last_modified_at, closed_at, street_address, zip_code, community_area, ward, latitude, longitude,
        duplicate, parent_sr_number)
       select s.sr_number, t.id, d.id, s.status, nullif(s.origin, ''), ${ts("s.created_date")},
         ${ts("s.last_modified_date")}, ${ts("s.closed_date")}, nullif(s.street_address, ''), nullif(s.zip_code, ''),
         nullif(s.community_area, '')::numeric::smallint, nullif(s.ward, '')::numeric::smallint,
         nullif(s.latitude, '')::float8, nullif(s.longitude, '')::float8,
         coalesce(nullif(s.duplicate, '')::boolean, false), nullif(s.parent_sr_number, '')
       from stage_requests s
       join request_types t on t.name = s.sr_type
       left join departments d on d.name = s.owner_department`,
  ];
}

function workOrderInserts() {
  return [
    `insert into work_order_types (name, department_id)
       select distinct on (s.work_order_type) s.work_order_type, d.id
       from stage_work_orders s left join departments d on d.name = s.department
       where s.work_order_type <> '' order by s.work_order_type
     on conflict (name) do nothing`,
    `insert into work_orders (wo_number, sr_number, work_order_type_id, department_id, sequence, status,
        created_at, completed_at, outcome, sla_days, sla_kind)
       select s.work_order_number, s.sr_number, t.id, d.id, coalesce(nullif(s.sequence, '')::smallint, 1), s.status,
         ${ts("s.created_date")}, ${ts("s.completed_date")}, nullif(s.outcome, ''), nullif(s.sla_days, '')::numeric,
         nullif(s.sla_kind, '')
       from stage_work_orders s
       join work_order_types t on t.name = s.work_order_type
       join departments d on d.name = s.department`,
  ];
}

export interface BaselineSteps {
  copyRequestsMs: number;
  copyWorkOrdersMs: number;
  insertRequestsMs: number;
  insertWorkOrdersMs: number;
  requestsMs: number;
  workOrdersMs: number;
}

export async function runBaselineImport(url: string, files: { requests: string; workOrders: string }, timeZone: string) {
  const [reqCols, woCols] = await Promise.all([
    stagingColumns(files.requests, REQUEST_COLUMNS),
    stagingColumns(files.workOrders, WORK_ORDER_COLUMNS),
  ]);
  const tz = ["-v", `tz=${timeZone}`];
  await psql(url, [
    "-c", `create unlogged table stage_requests (${reqCols.map((c) => `${c} text`).join(", ")})`,
    "-c", `create unlogged table stage_work_orders (${woCols.map((c) => `${c} text`).join(", ")})`,
  ]);
  const copyRequests = await timed(() =>
    psql(url, ["-c", `\\copy stage_requests from '${files.requests}' with (format csv, header true)`]),
  );
  const copyWorkOrders = await timed(() =>
    psql(url, ["-c", `\\copy stage_work_orders from '${files.workOrders}' with (format csv, header true)`]),
  );
  // psql interpolates :'tz' (as a quoted literal) in a script, not in -c strings.
  const runSql = (statements: string[]) => psql(url, [...tz, "-f", "-"], statements.join(";\n") + ";\n");
  const insertRequests = await timed(() => runSql(requestInserts()));
  const insertWorkOrders = await timed(() => runSql(workOrderInserts()));
  await psql(url, ["-c", "drop table stage_requests", "-c", "drop table stage_work_orders"]);
  const steps: BaselineSteps = {
    copyRequestsMs: copyRequests.ms,
    copyWorkOrdersMs: copyWorkOrders.ms,
    insertRequestsMs: insertRequests.ms,
    insertWorkOrdersMs: insertWorkOrders.ms,
    requestsMs: copyRequests.ms + insertRequests.ms,
    workOrdersMs: copyWorkOrders.ms + insertWorkOrders.ms,
  };
  return steps;
}
