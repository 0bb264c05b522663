import { sql } from "drizzle-orm";
import { queryRows, type Db } from "#db/client.server";
import type { Scope } from "~/auth/scope";
import { customPeriod, periodInstants } from "~/metrics/periods";
import type { MatchedBy } from "./detector";
import { cityTimeZone } from "~/metrics/periods.server";
import { csvCell } from "~/utils/csv";

export interface SuspectedDuplicateRow {
  srNumber: string;
  duplicateOf: string;
  requestType: string;
  departmentId: number | null;
  department: string | null;
  /** local wall-clock time, `YYYY-MM-DD HH:MM:SS` */
  created: string;
  duplicateOfCreated: string;
  address: string | null;
  duplicateOfAddress: string | null;
  distanceM: number | null;
  gapHours: number;
  matchedBy: MatchedBy;
  /** how the request was closed: its last work order's outcome ("Canceled" for a cancel without one), else null */
  outcome: string | null;
  status: string;
  /** DUPLICATE = true: already coupled by the department; false: a hidden duplicate */
  flagged: boolean;
  paramsVersion: string;
}

/**
 * Suspected duplicates among the requests created in `[from, to)`, for the caller's scope
 * (a request counts for its owner department), oldest first — or, with `newest`, only the
 * newest that many, newest first (a page lists a few of a year's tens of thousands). A
 * department outside the scope yields no rows; the route answers 404.
 */
export async function listSuspectedDuplicates(
  db: Db,
  options: {
    from: string;
    to: string;
    scope: Scope;
    departmentId?: number;
    timeZone?: string;
    onlyHidden?: boolean;
    newest?: number;
  },
): Promise<SuspectedDuplicateRow[]> {
  const tz = options.timeZone ?? cityTimeZone();
  const { from, to } = periodInstants(customPeriod(options.from, options.to), tz);
  const visible =
    options.scope.kind === "all" ? null : options.scope.departmentIds.filter((id) => Number.isInteger(id));
  if (visible && visible.length === 0) return [];
  if (options.departmentId != null && visible && !visible.includes(options.departmentId)) return [];
  const scopeFilter = visible ? sql`and s.department_id = any(${`{${visible.join(",")}}`}::int[])` : sql``;
  const departmentFilter = options.departmentId != null ? sql`and s.department_id = ${options.departmentId}` : sql``;
  const hiddenFilter = options.onlyHidden ? sql`and not s.duplicate` : sql``;
  const local = (column: ReturnType<typeof sql.raw>) => sql`to_char(${column} at time zone ${tz}, 'YYYY-MM-DD HH24:MI:SS')`;

  const rows = await queryRows<SuspectedDuplicateRow>(
    db,
    sql`select d.sr_number as "srNumber", d.duplicate_of as "duplicateOf", t.name as "requestType",
               s.department_id as "departmentId", dep.name as department,
               ${local(sql.raw("s.created_at"))} as created, ${local(sql.raw("o.created_at"))} as "duplicateOfCreated",
               s.street_address as address, o.street_address as "duplicateOfAddress",
               d.distance_m as "distanceM", d.gap_hours as "gapHours", d.matched_by as "matchedBy",
               w.outcome, s.status, s.duplicate as flagged, d.params_version as "paramsVersion"
          from suspected_duplicates d
          join service_requests s on s.sr_number = d.sr_number
          join service_requests o on o.sr_number = d.duplicate_of
          join request_types t on t.id = s.request_type_id
          left join departments dep on dep.id = s.department_id
          left join lateral (
            select coalesce(nullif(trim(wo.outcome), ''), case when wo.status = 'Canceled' then 'Canceled' end) as outcome
              from work_orders wo where wo.sr_number = s.sr_number
             order by wo.sequence desc, wo.created_at desc limit 1
          ) w on true
         where s.created_at >= ${from.toISOString()}::timestamptz and s.created_at < ${to.toISOString()}::timestamptz
           ${scopeFilter} ${departmentFilter} ${hiddenFilter}
         ${options.newest === undefined ? sql`order by s.created_at, d.sr_number` : sql`order by s.created_at desc, d.sr_number desc limit ${options.newest}`}`,
  );
  return rows.map((r) => ({
    ...r,
    departmentId: r.departmentId == null ? null : Number(r.departmentId),
    distanceM: r.distanceM == null ? null : Number(r.distanceM),
    gapHours: Number(r.gapHours),
    flagged: Boolean(r.flagged),
  }));
}

/** CSV columns of `npm run duplicates -- --csv`: the pair first, then what lets a person check it. */
export const SUSPECTED_DUPLICATE_CSV_COLUMNS = [
  ["SR_NUMBER", "srNumber"],
  ["DUPLICATE_OF", "duplicateOf"],
  ["TYPE", "requestType"],
  ["DEPARTMENT", "department"],
  ["CREATED", "created"],
  ["DUPLICATE_OF_CREATED", "duplicateOfCreated"],
  ["ADDRESS", "address"],
  ["DUPLICATE_OF_ADDRESS", "duplicateOfAddress"],
  ["DISTANCE_M", "distanceM"],
  ["GAP_HOURS", "gapHours"],
  ["MATCHED_BY", "matchedBy"],
  ["OUTCOME", "outcome"],
  ["STATUS", "status"],
  ["FLAGGED", "flagged"],
] as const satisfies readonly (readonly [string, keyof SuspectedDuplicateRow])[];

/** Distances and gaps to a tenth; addresses and outcomes are imported text, so the shared cell guards formulas. */
function duplicateCell(value: unknown): string {
  return csvCell(typeof value === "number" ? Math.round(value * 10) / 10 : value);
}

export function suspectedDuplicatesCsv(rows: readonly SuspectedDuplicateRow[]): string {
  const header = SUSPECTED_DUPLICATE_CSV_COLUMNS.map(([h]) => h).join(",");
  const lines = rows.map((r) => SUSPECTED_DUPLICATE_CSV_COLUMNS.map(([, key]) => duplicateCell(r[key])).join(","));
  return [header, ...lines].join("\n") + "\n";
}
