/**
 * Runs the duplicate detector over the requests created in a period and replaces that
 * period's rows of `suspected_duplicates` in one transaction (ADR 006).
 *
 * The database streams requests in (type, created) order, in slices of time, and the
 * sweep (detector.ts) keeps only the requests that can still attract a duplicate; so the
 * work is one indexed range scan plus a linear pass, and memory holds one slice.
 */
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "#db/client.server";
import { pgTextArray } from "~/imports/pg-array";
import { DEFAULT_TIME_ZONE, customPeriod, periodInstants, type Period } from "~/metrics/periods";
import { TypeSweep, type DetectorRow, type SuspectedPair } from "./detector";
import {
  INSTANT_CLOSE_MIN_REQUESTS,
  INSTANT_CLOSE_SECONDS,
  INSTANT_CLOSE_SHARE,
  PARAMS_VERSION,
  paramsFor,
  type DetectorParams,
} from "./params";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** A slice of creation time read in one query: a few hundred thousand rows at Chicago's volume. */
const SLICE_DAYS = 31;
const INSERT_BATCH = 10_000;

export interface RefreshDuplicatesResult {
  period: Period;
  /** requests read, including earlier ones still open when the period began */
  scanned: number;
  /** requests created in the period that the detector links to an earlier one (flagged or not) */
  detected: number;
  /** request types left out: named in the parameters, or closed the moment they are created */
  excludedTypes: string[];
  paramsVersion: string;
  ms: number;
}

interface TypeInfo {
  id: number;
  name: string;
  params: DetectorParams;
}

/**
 * Detects suspected duplicates among the requests created in `[from, to)` (local dates)
 * and stores them, replacing what an earlier run stored for those requests.
 */
export async function refreshSuspectedDuplicates(
  db: Db,
  options: { from: string; to: string; timeZone?: string },
): Promise<RefreshDuplicatesResult> {
  const started = performance.now();
  const period = customPeriod(options.from, options.to);
  const { from, to } = periodInstants(period, options.timeZone ?? process.env.CITY_TIME_ZONE ?? DEFAULT_TIME_ZONE);
  const { types, excludedTypes } = await typesToSweep(db, from, to);

  const pairs: (SuspectedPair & { requestTypeId: number })[] = [];
  const sweeps = new Map<number, { sweep: TypeSweep; type: TypeInfo }>();
  for (const type of types.values()) sweeps.set(type.id, { sweep: new TypeSweep(type.params), type });
  let scanned = 0;
  const consume = (typeId: number, row: DetectorRow) => {
    scanned++;
    const entry = sweeps.get(typeId);
    if (!entry) return;
    const pair = entry.sweep.next(row);
    if (pair && row.createdMs >= from.getTime()) pairs.push({ ...pair, requestTypeId: typeId });
  };

  if (types.size > 0) {
    const typeIds = [...types.keys()];
    const lookbackDays = Math.max(...[...types.values()].map((t) => t.params.maxOpenDays));
    const windowHours = Math.max(...[...types.values()].map((t) => t.params.windowAfterCloseHours));
    // Earlier requests that were still open (or just closed) when the period began.
    const earlier = await requestsCreatedBetween(db, typeIds, new Date(from.getTime() - lookbackDays * DAY_MS), from, {
      stillWaitingAt: new Date(from.getTime() - windowHours * HOUR_MS),
    });
    for (const r of earlier) consume(r.typeId, r.row);
    for (let sliceStart = from.getTime(); sliceStart < to.getTime(); sliceStart += SLICE_DAYS * DAY_MS) {
      const sliceEnd = Math.min(sliceStart + SLICE_DAYS * DAY_MS, to.getTime());
      // Slices are read type by type inside, but each type's sweep carries over between them.
      const slice = await requestsCreatedBetween(db, typeIds, new Date(sliceStart), new Date(sliceEnd));
      for (const r of slice) consume(r.typeId, r.row);
    }
  }

  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await t.execute(sql`
      delete from suspected_duplicates d
       using service_requests s
       where s.sr_number = d.sr_number and s.created_at >= ${from.toISOString()}::timestamptz
         and s.created_at < ${to.toISOString()}::timestamptz`);
    for (let i = 0; i < pairs.length; i += INSERT_BATCH) await insertPairs(t, pairs.slice(i, i + INSERT_BATCH));
  });

  return {
    period,
    scanned,
    detected: pairs.length,
    excludedTypes,
    paramsVersion: PARAMS_VERSION,
    ms: Math.round(performance.now() - started),
  };
}

/** The types to sweep: every type with requests in the period, less the excluded ones. */
async function typesToSweep(db: Db, from: Date, to: Date) {
  const rows = await queryRows<{ id: number; name: string; n: number; instant: number }>(
    db,
    sql`select t.id, t.name, c.n, c.instant
          from request_types t
          join (select request_type_id,
                       count(*)::int as n,
                       count(*) filter (where closed_at is not null
                         and closed_at <= created_at + make_interval(secs => ${INSTANT_CLOSE_SECONDS}))::int as instant
                  from service_requests
                 where created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz
                 group by request_type_id) c on c.request_type_id = t.id
         order by t.id`,
  );
  const types = new Map<number, TypeInfo>();
  const excludedTypes: string[] = [];
  for (const r of rows) {
    const params = paramsFor(r.name);
    const instantType = r.n >= INSTANT_CLOSE_MIN_REQUESTS && r.instant >= INSTANT_CLOSE_SHARE * r.n;
    if (params.excluded || instantType) excludedTypes.push(r.name);
    else types.set(Number(r.id), { id: Number(r.id), name: r.name, params });
  }
  return { types, excludedTypes };
}

/**
 * Requests of the given types created in `[from, to)`, in (type, created, sr_number)
 * order; with `stillWaitingAt`, only those open then or closed after it.
 */
async function requestsCreatedBetween(
  db: Db,
  typeIds: number[],
  from: Date,
  to: Date,
  options: { stillWaitingAt?: Date } = {},
): Promise<{ typeId: number; row: DetectorRow }[]> {
  const waiting = options.stillWaitingAt
    ? sql`and (closed_at is null or closed_at >= ${options.stillWaitingAt.toISOString()}::timestamptz)`
    : sql``;
  const rows = await queryRows<{
    t: number;
    sr: string;
    c: number;
    z: number | null;
    a: string | null;
    lat: number | null;
    lon: number | null;
    f: boolean;
  }>(
    db,
    sql`select request_type_id as t, sr_number as sr,
               (extract(epoch from created_at) * 1000)::float8 as c,
               (extract(epoch from closed_at) * 1000)::float8 as z,
               street_address as a, latitude as lat, longitude as lon, duplicate as f
          from service_requests
         where request_type_id = any(${pgIntArray(typeIds)}::int[])
           and created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz
           ${waiting}
         order by request_type_id, created_at, sr_number`,
  );
  return rows.map((r) => ({
    typeId: Number(r.t),
    row: {
      srNumber: r.sr,
      createdMs: Number(r.c),
      closedMs: r.z == null ? null : Number(r.z),
      streetAddress: r.a,
      latitude: r.lat == null ? null : Number(r.lat),
      longitude: r.lon == null ? null : Number(r.lon),
      flagged: Boolean(r.f),
    },
  }));
}

function pgIntArray(values: number[]): string {
  return `{${values.map((v) => Math.trunc(v)).join(",")}}`;
}

async function insertPairs(db: Db, pairs: (SuspectedPair & { requestTypeId: number })[]) {
  if (pairs.length === 0) return;
  const col = (f: (p: SuspectedPair & { requestTypeId: number }) => string | null) => pgTextArray(pairs.map(f));
  await db.execute(sql`
    insert into suspected_duplicates (sr_number, duplicate_of, request_type_id, distance_m, gap_hours, matched_by, params_version)
    select u.sr, u.dup, u.t::int, u.d::float8, u.g::float8, u.m, ${PARAMS_VERSION}
      from unnest(${col((p) => p.srNumber)}::text[], ${col((p) => p.duplicateOf)}::text[],
                  ${col((p) => String(p.requestTypeId))}::text[], ${col((p) => (p.distanceM == null ? null : String(p.distanceM)))}::text[],
                  ${col((p) => String(p.gapHours))}::text[], ${col((p) => p.matchedBy)}::text[])
           as u(sr, dup, t, d, g, m)
    on conflict (sr_number) do update set
      duplicate_of = excluded.duplicate_of, request_type_id = excluded.request_type_id,
      distance_m = excluded.distance_m, gap_hours = excluded.gap_hours, matched_by = excluded.matched_by,
      detected_at = now(), params_version = excluded.params_version`);
}
