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
import { addDays, customPeriod, periodInstants, type Period } from "~/metrics/periods";
import { normaliseAddress } from "./address";
import { TypeSweep, type DetectorRow, type SuspectedPair } from "./detector";
import {
  DEFAULT_PARAMS,
  INSTANT_CLOSE_MIN_REQUESTS,
  TYPE_PARAMS,
  INSTANT_CLOSE_SECONDS,
  INSTANT_CLOSE_SHARE,
  PARAMS_VERSION,
  paramsFor,
  type DetectorParams,
} from "./params";
import { cityTimeZone } from "~/metrics/periods.server";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** A slice of creation time read in one query (two in memory with the read-ahead): about 45,000 rows at Chicago's volume. */
const SLICE_DAYS = 7;
/** How far back a type's "closed the moment it is created" share is judged, whatever the period. */
const INSTANT_CLOSE_LOOKBACK_DAYS = 90;
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
  /** where the time went: waiting for rows (not overlapped by the sweep), the sweep, writing the table */
  phases: { readMs: number; sweepMs: number; writeMs: number };
}

interface PackedRows {
  t: number;
  rows: string;
}

type PairRow = SuspectedPair & { requestTypeId: number };

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
  options: { from: string; to: string; timeZone?: string; consumePendingUpTo?: number },
): Promise<RefreshDuplicatesResult> {
  const started = performance.now();
  const period = customPeriod(options.from, options.to);
  const { from, to } = periodInstants(period, options.timeZone ?? cityTimeZone());
  let types = new Map<number, TypeInfo>();
  let excludedTypes: string[] = [];
  const sweeps = new Map<number, { sweep: TypeSweep; type: TypeInfo }>();
  const addressKeyOf = cachedNormaliser();
  let scanned = 0;
  let detected = 0;
  const phases = { readMs: 0, sweepMs: 0, writeMs: 0 };
  const timed = async <T>(phase: keyof typeof phases, work: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      phases[phase] += performance.now() - t0;
    }
  };

  const sweepAndWrite = async (t: Db) => {
    if (types.size === 0) return;

    let batch: PairRow[] = [];
    // One batch is written while the sweep goes on; the next waits for it, so at most two are held.
    let writing: Promise<void> = Promise.resolve();
    const flush = async (atLeast: number) => {
      if (batch.length === 0 || batch.length < atLeast) return;
      const rows = batch;
      batch = [];
      await timed("writeMs", () => writing);
      writing = insertPairs(t, rows);
      // Awaited at the next flush; a failure in between must not count as unhandled.
      writing.catch(() => undefined);
    };
    const sweepPacked = (packed: PackedRows[]) => {
      for (const { t: typeId, rows } of packed) {
        const entry = sweeps.get(Number(typeId));
        forEachPackedRow(rows, (row) => {
          scanned++;
          if (!entry) return;
          const pair = entry.sweep.next(row);
          if (pair && row.createdMs >= from.getTime()) {
            detected++;
            batch.push({ ...pair, requestTypeId: entry.type.id });
          }
        });
      }
    };

    const typeIds = [...types.keys()];
    const lookbackDays = Math.max(...[...types.values()].map((x) => x.params.maxOpenDays));
    const windowHours = Math.max(...[...types.values()].map((x) => x.params.windowAfterCloseHours));
    // Earlier requests that were still open (or just closed) when the period began.
    const earlier = await timed("readMs", () =>
      requestsCreatedBetween(t, typeIds, new Date(from.getTime() - lookbackDays * DAY_MS), from, {
        stillWaitingAt: new Date(from.getTime() - windowHours * HOUR_MS),
      }),
    );
    await timed("sweepMs", () => sweepPacked(earlier));
    const starts: number[] = [];
    for (let s = from.getTime(); s < to.getTime(); s += SLICE_DAYS * DAY_MS) starts.push(s);
    const read = (start: number) =>
      requestsCreatedBetween(t, typeIds, new Date(start), new Date(Math.min(start + SLICE_DAYS * DAY_MS, to.getTime())));
    // The next slice is read while this one is swept: the database and the sweep overlap.
    let pending = starts.length > 0 ? read(starts[0]) : null;
    for (let i = 0; pending != null; i++) {
      const slice = await timed("readMs", () => pending as Promise<PackedRows[]>);
      pending = i + 1 < starts.length ? read(starts[i + 1]) : null;
      await timed("sweepMs", () => sweepPacked(slice));
      await flush(INSERT_BATCH);
    }
    await flush(1);
    await timed("writeMs", () => writing);
  };

  // One transaction around reading, sweeping and writing: the pairs go out in batches as
  // they are found (memory holds one batch, not the period's result), and a failure
  // part-way leaves the previous result in place.
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    // One run at a time, reading one snapshot taken after the lock: two runs over overlapping
    // periods would otherwise each keep verdicts of rows the other was still rewriting. Plain
    // reads of the table (pages, the aggregates' refresh) are not blocked by this lock mode.
    await t.execute(sql`lock table suspected_duplicates in exclusive mode`);
    ({ types, excludedTypes } = await typesToSweep(t, from, to));
    for (const type of types.values()) sweeps.set(type.id, { sweep: new TypeSweep(type.params, addressKeyOf), type });
    const inPeriod = sql`s.created_at >= ${from.toISOString()}::timestamptz and s.created_at < ${to.toISOString()}::timestamptz`;
    // The verdicts before, so that only requests whose verdict changed are left for the
    // aggregates' next incremental refresh (their facts carry it).
    await t.execute(sql`create temp table suspected_before (sr_number text) on commit drop`);
    await timed("writeMs", () => t.execute(sql`
      with gone as (delete from suspected_duplicates d using service_requests s where s.sr_number = d.sr_number and ${inPeriod}
                    returning d.sr_number)
      insert into suspected_before select sr_number from gone`));
    await sweepAndWrite(t);
    await timed("writeMs", () => t.execute(sql`
      insert into agg_pending_sr (sr_number)
      select sr_number from (
        (select sr_number from suspected_before
         except select d.sr_number from suspected_duplicates d join service_requests s on s.sr_number = d.sr_number where ${inPeriod})
        union all
        (select d.sr_number from suspected_duplicates d join service_requests s on s.sr_number = d.sr_number where ${inPeriod}
         except select sr_number from suspected_before)) changed`));
    if (options.consumePendingUpTo !== undefined) {
      await t.execute(sql`delete from suspected_duplicates_pending where id <= ${options.consumePendingUpTo}`);
    }
  }, { isolationLevel: "repeatable read" });

  return {
    period,
    scanned,
    detected,
    excludedTypes,
    paramsVersion: PARAMS_VERSION,
    ms: Math.round(performance.now() - started),
    phases: { readMs: Math.round(phases.readMs), sweepMs: Math.round(phases.sweepMs), writeMs: Math.round(phases.writeMs) },
  };
}

/**
 * Re-judges the requests whose verdict imports may have changed: the spans they left in
 * suspected_duplicates_pending (inclusive local creation dates; no end: up to the latest
 * request), merged into one period and consumed in the detector's transaction, so a run that
 * fails leaves them for the next. A changed closing time also decides whether requests
 * created up to `windowAfterClose` later are duplicates, so the period runs that much further.
 * Null when nothing is pending.
 */
export async function refreshPendingSuspectedDuplicates(db: Db, timeZone = cityTimeZone()): Promise<RefreshDuplicatesResult | null> {
  const [pending] = await queryRows<{ last_id: number | null; from: string | null; to: string | null; open: boolean }>(
    db,
    sql`select max(id) as last_id, to_char(min(from_day), 'YYYY-MM-DD') as "from", to_char(max(to_day), 'YYYY-MM-DD') as "to",
               coalesce(bool_or(to_day is null), false) as open
          from suspected_duplicates_pending`,
  );
  if (pending?.last_id == null || pending.from === null) return null;
  const windowHours = Math.max(
    DEFAULT_PARAMS.windowAfterCloseHours,
    ...Object.values(TYPE_PARAMS).map((p) => p.windowAfterCloseHours ?? 0),
  );
  let last = pending.open ? null : pending.to;
  if (last === null) {
    const [row] = await queryRows<{ last: string | null }>(
      db,
      sql`select to_char(max(created_at) at time zone ${timeZone}, 'YYYY-MM-DD') as last from service_requests`,
    );
    last = row?.last ?? pending.from;
  }
  if (last < pending.from) last = pending.from;
  const to = addDays(last, 1 + Math.ceil(windowHours / 24));
  return refreshSuspectedDuplicates(db, { from: pending.from, to, timeZone, consumePendingUpTo: Number(pending.last_id) });
}

/**
 * The types to sweep: every type with requests in the period, less the excluded ones. Whether
 * a type closes its requests the moment they are created is judged over the
 * `INSTANT_CLOSE_LOOKBACK_DAYS` before the period's end, whatever the period's start, so a
 * one-night refresh and a whole-year run ending the same day exclude the same types.
 */
async function typesToSweep(db: Db, from: Date, to: Date) {
  const judgedFrom = new Date(to.getTime() - INSTANT_CLOSE_LOOKBACK_DAYS * DAY_MS);
  const scannedFrom = new Date(Math.min(from.getTime(), judgedFrom.getTime()));
  const judged = sql`created_at >= ${judgedFrom.toISOString()}::timestamptz`;
  const rows = await queryRows<{ id: number; name: string; n: number; instant: number }>(
    db,
    sql`select t.id, t.name, c.n, c.instant
          from request_types t
          join (select request_type_id,
                       count(*) filter (where ${judged})::int as n,
                       count(*) filter (where ${judged} and closed_at is not null
                         and closed_at <= created_at + make_interval(secs => ${INSTANT_CLOSE_SECONDS}))::int as instant,
                       bool_or(created_at >= ${from.toISOString()}::timestamptz) as in_period
                  from service_requests
                 where created_at >= ${scannedFrom.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz
                 group by request_type_id) c on c.request_type_id = t.id
         where c.in_period
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

/** Field and record separators of the packed rows below (ASCII unit and record separators). */
const FIELD = "\x1f";
const RECORD = "\x1e";

/**
 * Requests of the given types created in `[from, to)`, in (type, created, sr_number)
 * order; with `stillWaitingAt`, only those open then or closed after it. Each type's rows
 * arrive packed in one string (fields and records split by ASCII separators): at a
 * year's volume this halves the time spent decoding rows compared with one result row
 * per request.
 */
async function requestsCreatedBetween(
  db: Db,
  typeIds: number[],
  from: Date,
  to: Date,
  options: { stillWaitingAt?: Date } = {},
): Promise<PackedRows[]> {
  const waiting = options.stillWaitingAt
    ? sql`and (closed_at is null or closed_at >= ${options.stillWaitingAt.toISOString()}::timestamptz)`
    : sql``;
  return queryRows<PackedRows>(
    db,
    sql`select request_type_id as t,
               string_agg(concat(sr_number, chr(31),
                                 (extract(epoch from created_at) * 1000)::float8, chr(31),
                                 (extract(epoch from closed_at) * 1000)::float8, chr(31),
                                 translate(street_address, chr(30) || chr(31), '  '), chr(31),
                                 latitude, chr(31), longitude, chr(31), duplicate::int),
                          chr(30) order by created_at, sr_number) as rows
          from service_requests
         where request_type_id = any(${pgIntArray(typeIds)}::int[])
           and created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz
           ${waiting}
         group by request_type_id
         order by request_type_id`,
  );
}

/**
 * Calls `visit` with each request of one packed string, in order, without materialising
 * the slice as objects. Strings kept past the slice (the sr_number a waiting request or a
 * pair holds) are copied: a substring of the packed text would otherwise keep the whole
 * text alive as long as the request waits — up to `maxOpenDays`, so in effect the year.
 */
function forEachPackedRow(packed: string, visit: (row: DetectorRow) => void) {
  let at = 0;
  while (at < packed.length) {
    let end = packed.indexOf(RECORD, at);
    if (end < 0) end = packed.length;
    const [srNumber, created, closed, address, lat, lon, flagged] = packed.slice(at, end).split(FIELD);
    at = end + 1;
    visit({
      srNumber: detached(srNumber),
      createdMs: Number(created),
      closedMs: closed === "" ? null : Number(closed),
      streetAddress: address === "" ? null : address,
      latitude: lat === "" ? null : Number(lat),
      longitude: lon === "" ? null : Number(lon),
      flagged: flagged === "1",
    });
  }
}

/** A copy of `s` that does not share the memory of the string it was cut from. */
function detached(s: string): string {
  return (" " + s).slice(1);
}

/** Requests repeat addresses (one block reports many problems): normalise each spelling once per run. */
function cachedNormaliser(limit = 50_000) {
  const cache = new Map<string, string | null>();
  return (raw: string | null) => {
    if (raw == null) return null;
    let key = cache.get(raw);
    if (key === undefined) {
      if (cache.size >= limit) cache.clear();
      key = normaliseAddress(raw);
      if (key != null) key = detached(key);
      cache.set(detached(raw), key);
    }
    return key;
  };
}

function pgIntArray(values: number[]): string {
  return `{${values.map((v) => Math.trunc(v)).join(",")}}`;
}

async function insertPairs(db: Db, pairs: PairRow[]) {
  if (pairs.length === 0) return;
  const col = (f: (p: PairRow) => string | null) => pgTextArray(pairs.map(f));
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
