import type { SlaKind } from "#db/schema/core";
import {
  CANCEL,
  DEPARTMENTS,
  DEPARTMENT_SPECS,
  HOUR_WEIGHTS_CREW,
  HOUR_WEIGHTS_PUBLIC,
  IN_HOUSE_ORIGIN,
  ORIGINS,
  REQUEST_TYPES,
  SEASONS,
  WEEKDAY_WEIGHTS,
  WORK_ORDER_TYPE_BY_NAME,
  type RequestTypeSpec,
  type SlaVersion,
  type WorkOrderTypeSpec,
} from "./catalog";
import { CityClock, DAY_MS, parseLocalDate } from "./clock";
import { distanceMeters, nearbyAddress, randomAddress, type Address } from "./geography";
import { Rng, WeightedTable } from "./random";

export interface DemoCityOptions {
  /** Same seed, same city, byte for byte. */
  seed: string;
  /** Requests per year (the generated count varies around it by a fraction of a percent). */
  scale: number;
  /** Last local date with requests (inclusive); the data are "as of" the midnight after it. */
  endDate: string;
  days: number;
  timeZone: string;
}

export const DEFAULT_DEMO_CITY: DemoCityOptions = {
  seed: "compstat-311",
  scale: 30_000,
  endDate: "2026-11-30",
  days: 365,
  timeZone: "America/Chicago",
};

export type RequestStatus = "Open" | "Completed" | "Canceled";
export type WorkOrderStatus = "Open" | "Completed" | "Canceled";

export interface DemoLocation {
  streetAddress: string;
  streetNumber: number | null;
  streetDirection: string | null;
  streetName: string | null;
  streetType: string | null;
  latitude: number;
  longitude: number;
  zipCode: string;
  ward: number;
  communityArea: number;
}

export interface DemoRequest {
  srNumber: string;
  type: RequestTypeSpec;
  department: string;
  status: RequestStatus;
  origin: string;
  createdMs: number;
  lastModifiedMs: number;
  closedMs: number | null;
  location: DemoLocation;
  duplicate: boolean;
  parentSrNumber: string | null;
}

export interface DemoWorkOrder {
  srNumber: string;
  woNumber: string;
  type: WorkOrderTypeSpec;
  department: string;
  sequence: number;
  createdMs: number;
  completedMs: number | null;
  status: WorkOrderStatus;
  outcome: string | null;
  /** As the export carries it: blank for types whose export has no SLA column filled. */
  slaDays: number | null;
  slaKind: SlaKind | null;
}

export type PlantedRelation = "flagged_duplicate" | "hidden_duplicate" | "recurrence";

/** What the generator planted, so a duplicate detector can be scored against it. */
export interface PlantedTruth {
  srNumber: string;
  /** The earlier request it duplicates (or, for a recurrence, repeats without duplicating). */
  relatedSrNumber: string;
  relation: PlantedRelation;
  requestType: string;
  distanceMeters: number;
  /** created(srNumber) − created(related), days. */
  gapDays: number;
  /** Whether the related request was still open when this one was created. */
  relatedOpenAtCreation: boolean;
}

export interface DemoRecord {
  request: DemoRequest;
  workOrders: DemoWorkOrder[];
  truth: PlantedTruth | null;
}

/** A request that later requests can duplicate or recur on. */
interface Original {
  srNumber: string;
  address: Address;
  createdMs: number;
  closedMs: number | null;
  status: RequestStatus;
}

const RECENT_POOL = 48;
const ARCHIVE_POOL = 128;
const ARCHIVE_SHARE = 0.25;
const RECURRENCE_MIN_GAP_DAYS = 90;
const RECURRENCE_MIN_CLOSED_DAYS = 60;
const MIN_DUPLICATE_GAP_MS = 10 * 60_000;
const SHIFT_START_HOUR = 7;
const SHIFT_END_HOUR = 18;

export function resolveOptions(options: Partial<DemoCityOptions> = {}): DemoCityOptions {
  const resolved = { ...DEFAULT_DEMO_CITY, ...stripUndefined(options) };
  parseLocalDate(resolved.endDate);
  if (!Number.isFinite(resolved.scale) || resolved.scale < 1) throw new Error(`scale must be a positive number, got ${resolved.scale}`);
  if (!Number.isInteger(resolved.days) || resolved.days < 1) throw new Error(`days must be a positive integer, got ${resolved.days}`);
  return resolved;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The SLA target in force for a local date (YYYY-MM-DD), or null. */
export function slaInForce(versions: readonly SlaVersion[], localDate: string): SlaVersion | null {
  for (const v of versions) if (v.from <= localDate && (v.to === null || localDate < v.to)) return v;
  return null;
}

/** The local dates the city's requests were created in, as a period `[from, to)`. */
export function demoPeriod(options: Partial<DemoCityOptions> = {}): { from: string; to: string } {
  const o = resolveOptions(options);
  const end = parseLocalDate(o.endDate);
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(end - (o.days - 1) * DAY_MS), to: iso(end + DAY_MS) };
}

/** The instant the generated data are "as of": local midnight after the end date. */
export function asOfInstant(options: Partial<DemoCityOptions> = {}): number {
  const o = resolveOptions(options);
  return new CityClock(o.timeZone).startOfLocalDay(parseLocalDate(o.endDate) + DAY_MS);
}

/**
 * The demo city, one request at a time in creation order, with its work orders and what was
 * planted on it. A generator, so a Chicago-sized year streams in constant memory.
 */
export function* generateDemoCity(input: Partial<DemoCityOptions> = {}): Generator<DemoRecord> {
  const options = resolveOptions(input);
  const clock = new CityClock(options.timeZone);
  const rng = new Rng(options.seed);
  const endLocal = parseLocalDate(options.endDate);
  const firstLocal = endLocal - (options.days - 1) * DAY_MS;
  const asOf = clock.startOfLocalDay(endLocal + DAY_MS);

  const lambdas = dailyVolumes(options, firstLocal);
  const origins = new WeightedTable(ORIGINS);
  const publicHours = new WeightedTable(HOUR_WEIGHTS_PUBLIC.map((w, h) => [h, w] as const));
  const crewHours = new WeightedTable(HOUR_WEIGHTS_CREW.map((w, h) => [h, w] as const));
  const hidingTables = new Map(
    Object.entries(DEPARTMENT_SPECS).map(([key, d]) => [key, new WeightedTable(d.hiding)] as const),
  );
  const outcomeTables = new Map(
    [...WORK_ORDER_TYPE_BY_NAME.values()].map((w) => [
      w.name,
      { done: new WeightedTable(w.done), notDone: w.notDone.length ? new WeightedTable(w.notDone) : null },
    ]),
  );
  const recent = REQUEST_TYPES.map(() => [] as Original[]);
  const archive = REQUEST_TYPES.map(() => [] as Original[]);
  const srCounters = new Map<number, number>();
  const woCounters = new Map<number, number>();

  const yearOf = (ms: number) => new Date(clock.wallClock(ms)).getUTCFullYear();
  const nextNumber = (counters: Map<number, number>, ms: number) => {
    const year = yearOf(ms);
    const n = (counters.get(year) ?? 0) + 1;
    counters.set(year, n);
    return { yy: String(year % 100).padStart(2, "0"), n: String(n).padStart(8, "0") };
  };
  const nextSr = (ms: number) => {
    const { yy, n } = nextNumber(srCounters, ms);
    return `SR${yy}-${n}`;
  };
  const nextWo = (ms: number) => {
    const { yy, n } = nextNumber(woCounters, ms);
    return `${yy}-${n}`;
  };

  function workOrder(
    srNumber: string,
    type: WorkOrderTypeSpec,
    sequence: number,
    createdMs: number,
    status: WorkOrderStatus,
    completedMs: number | null,
    outcome: string | null,
  ): DemoWorkOrder {
    const sla = slaInForce(type.sla, clock.localDateOf(createdMs));
    return {
      srNumber,
      woNumber: nextWo(createdMs),
      type,
      department: DEPARTMENTS[type.department],
      sequence,
      createdMs,
      completedMs,
      status,
      outcome,
      slaDays: type.slaInExport && sla ? sla.days : null,
      slaKind: type.slaInExport && sla ? sla.kind : null,
    };
  }

  /** Runs a request's chain of work orders from its creation to the as-of instant. */
  function simulateChain(spec: RequestTypeSpec, srNumber: string, createdMs: number) {
    const workOrders: DemoWorkOrder[] = [];
    let t = createdMs + rng.between(30, 4 * 3600) * 1000;
    let open = false;
    for (let i = 0; i < spec.chain.length; i++) {
      const stepSpec = spec.chain[i];
      if (i > 0) {
        const previous = workOrders[i - 1];
        const previousDone = previous.status === "Completed" && previous.outcome !== null && isWorkDone(previous);
        if (!previousDone || !rng.chance(stepSpec.p)) break;
        t = (previous.completedMs as number) + rng.between(0.02, 1.5) * DAY_MS;
      }
      t = clock.representable(t);
      if (t >= asOf) {
        open = true;
        break;
      }
      const type = WORK_ORDER_TYPE_BY_NAME.get(stepSpec.workOrderType) as WorkOrderTypeSpec;
      const canceled = rng.chance(type.cancelShare);
      const days = canceled
        ? rng.between(0.05, 10)
        : rng.chance(type.stuckShare)
          ? rng.logNormal(type.medianDays * 6 + 45, 0.4)
          : rng.logNormal(type.medianDays, type.sigma);
      const end = clock.representable(type.allHours ? t + days * DAY_MS : duringShift(t + days * DAY_MS));
      if (end >= asOf) {
        workOrders.push(workOrder(srNumber, type, i + 1, t, "Open", null, null));
        open = true;
        break;
      }
      if (canceled) {
        const outcome = rng.chance(0.5) ? DEPARTMENT_SPECS[type.department].cancelOutcome : null;
        workOrders.push(workOrder(srNumber, type, i + 1, t, "Canceled", end, outcome));
        break;
      }
      const tables = outcomeTables.get(type.name)!;
      const outcome =
        tables.notDone && rng.chance(type.notDoneShare) ? tables.notDone.draw(rng) : tables.done.draw(rng);
      workOrders.push(workOrder(srNumber, type, i + 1, t, "Completed", end, outcome));
    }
    return finish(workOrders, createdMs, open);
  }

  /** Work finished outside a 7:00–18:00 shift is closed in the system the next shift morning. */
  function duringShift(ms: number): number {
    const local = clock.wallClock(ms);
    const hour = new Date(local).getUTCHours();
    if (hour >= SHIFT_START_HOUR && hour < SHIFT_END_HOUR) return ms;
    const day = Math.floor(local / DAY_MS) * DAY_MS + (hour >= SHIFT_END_HOUR ? DAY_MS : 0);
    const localTarget = day + SHIFT_START_HOUR * 3_600_000 + rng.int(3 * 3_600_000);
    return localTarget - clock.offsetAt(ms);
  }

  function finish(workOrders: DemoWorkOrder[], createdMs: number, open: boolean) {
    const last = workOrders[workOrders.length - 1];
    let status: RequestStatus;
    let closedMs: number | null = null;
    if (open || !last) {
      status = "Open";
    } else {
      status = last.status === "Canceled" && workOrders.length === 1 ? "Canceled" : "Completed";
      closedMs = last.completedMs;
    }
    let latest = createdMs;
    for (const w of workOrders) latest = Math.max(latest, w.createdMs, w.completedMs ?? 0);
    const lastModifiedMs = Math.min(asOf - 1000, clock.representable(latest + rng.between(1, 1800) * 1000));
    return { workOrders, status, closedMs, lastModifiedMs };
  }

  /** A uniformly drawn pool entry that satisfies `ok`, without allocating (this runs for every request). */
  function pickWhere(pool: Original[], ok: (o: Original) => boolean): Original | null {
    let n = 0;
    for (const o of pool) if (ok(o)) n++;
    if (n === 0) return null;
    let k = rng.int(n);
    for (const o of pool) if (ok(o) && k-- === 0) return o;
    return null;
  }

  function findOpenOriginal(pool: Original[], createdMs: number): Original | null {
    return pickWhere(
      pool,
      (o) => createdMs - o.createdMs >= MIN_DUPLICATE_GAP_MS && (o.closedMs === null || o.closedMs > createdMs),
    );
  }

  function findOld(pool: Original[], createdMs: number): Original | null {
    return pickWhere(
      pool,
      (o) =>
        o.closedMs !== null &&
        createdMs - o.createdMs >= RECURRENCE_MIN_GAP_DAYS * DAY_MS &&
        createdMs - o.closedMs >= RECURRENCE_MIN_CLOSED_DAYS * DAY_MS,
    );
  }

  function remember(typeIndex: number, original: Original) {
    const pool = recent[typeIndex];
    pool.push(original);
    if (pool.length > RECENT_POOL) pool.shift();
    if (rng.chance(ARCHIVE_SHARE)) {
      const old = archive[typeIndex];
      old.push(original);
      if (old.length > ARCHIVE_POOL) old.splice(rng.int(old.length - 1), 1);
    }
  }

  for (let day = 0; day < options.days; day++) {
    const localDate = firstLocal + day * DAY_MS;
    const dayStart = clock.startOfLocalDay(localDate);
    const dayEnd = clock.startOfLocalDay(localDate + DAY_MS);
    const arrivals: { typeIndex: number; createdMs: number; inHouse: boolean }[] = [];
    for (let typeIndex = 0; typeIndex < REQUEST_TYPES.length; typeIndex++) {
      const spec = REQUEST_TYPES[typeIndex];
      const count = rng.poisson(lambdas[typeIndex][day]);
      for (let k = 0; k < count; k++) {
        const inHouse = spec.inHouseShare !== undefined && rng.chance(spec.inHouseShare);
        const hour = (inHouse ? crewHours : publicHours).draw(rng);
        const at = dayStart + hour * 3_600_000 + rng.int(3_600_000);
        arrivals.push({ typeIndex, createdMs: clock.representable(Math.min(at, dayEnd - 1000)), inHouse });
      }
    }
    arrivals.sort((a, b) => a.createdMs - b.createdMs || a.typeIndex - b.typeIndex);

    for (const arrival of arrivals) {
      const spec = REQUEST_TYPES[arrival.typeIndex];
      const department = DEPARTMENTS[spec.department];
      const createdMs = arrival.createdMs;
      const srNumber = nextSr(createdMs);
      const origin = arrival.inHouse ? IN_HOUSE_ORIGIN : origins.draw(rng);
      const base = { srNumber, type: spec, department, origin, createdMs };

      if (spec.instant) {
        yield {
          request: {
            ...base,
            status: "Completed",
            closedMs: createdMs,
            lastModifiedMs: clock.representable(Math.min(asOf - 1000, createdMs + rng.between(60, 3600) * 1000)),
            location: { ...spec.instant, streetNumber: null, streetDirection: null, streetName: null, streetType: null },
            duplicate: false,
            parentSrNumber: null,
          },
          workOrders: [],
          truth: null,
        };
        continue;
      }

      const original = rng.chance(spec.duplicateRate) ? findOpenOriginal(recent[arrival.typeIndex], createdMs) : null;
      if (original) {
        const departmentSpec = DEPARTMENT_SPECS[spec.department];
        const flagged = rng.chance(departmentSpec.flaggedShare);
        const address = flagged || rng.chance(0.5) ? original.address : nearbyAddress(rng, original.address);
        const truth: PlantedTruth = {
          srNumber,
          relatedSrNumber: original.srNumber,
          relation: flagged ? "flagged_duplicate" : "hidden_duplicate",
          requestType: spec.name,
          distanceMeters: Math.round(distanceMeters(original.address, address) * 10) / 10,
          gapDays: (createdMs - original.createdMs) / DAY_MS,
          relatedOpenAtCreation: true,
        };
        if (flagged) {
          // Coupled duplicates carry no work of their own and close with their parent.
          const closing = original.closedMs === null ? null : Math.max(original.closedMs, createdMs + 60_000);
          const closedMs = closing !== null && closing < asOf ? closing : null;
          yield {
            request: {
              ...base,
              status: closedMs === null ? "Open" : original.status,
              closedMs,
              lastModifiedMs: closedMs ?? Math.min(asOf - 1000, createdMs + 60_000),
              location: locationOf(address),
              duplicate: true,
              parentSrNumber: original.srNumber,
            },
            workOrders: [],
            truth,
          };
        } else {
          const chained = hiddenDuplicateChain(spec, srNumber, createdMs, hidingTables.get(spec.department)!.draw(rng));
          yield {
            request: { ...base, ...chained.request, location: locationOf(address), duplicate: false, parentSrNumber: null },
            workOrders: chained.workOrders,
            truth,
          };
        }
        continue;
      }

      const old = rng.chance(spec.recurrenceRate) ? findOld(archive[arrival.typeIndex], createdMs) : null;
      const address = old ? old.address : randomAddress(rng);
      const chain = simulateChain(spec, srNumber, createdMs);
      remember(arrival.typeIndex, { srNumber, address, createdMs, closedMs: chain.closedMs, status: chain.status });
      yield {
        request: {
          ...base,
          status: chain.status,
          closedMs: chain.closedMs,
          lastModifiedMs: chain.lastModifiedMs,
          location: locationOf(address),
          duplicate: false,
          parentSrNumber: null,
        },
        workOrders: chain.workOrders,
        truth: old
          ? {
              srNumber,
              relatedSrNumber: old.srNumber,
              relation: "recurrence",
              requestType: spec.name,
              distanceMeters: 0,
              gapDays: (createdMs - old.createdMs) / DAY_MS,
              relatedOpenAtCreation: false,
            }
          : null,
      };
    }
  }

  /** A duplicate nobody coupled: its first work order is closed quickly with the department's hiding outcome. */
  function hiddenDuplicateChain(spec: RequestTypeSpec, srNumber: string, createdMs: number, hiding: string) {
    const type = WORK_ORDER_TYPE_BY_NAME.get(spec.chain[0].workOrderType) as WorkOrderTypeSpec;
    const start = clock.representable(createdMs + rng.between(30, 4 * 3600) * 1000);
    if (start >= asOf) {
      const done = finish([], createdMs, true);
      return { request: { status: done.status, closedMs: done.closedMs, lastModifiedMs: done.lastModifiedMs }, workOrders: [] };
    }
    const end = clock.representable(duringShift(start + rng.logNormal(0.8, 0.8) * DAY_MS));
    const wos =
      end >= asOf
        ? [workOrder(srNumber, type, 1, start, "Open", null, null)]
        : hiding === CANCEL
          ? [workOrder(srNumber, type, 1, start, "Canceled", end, null)]
          : [workOrder(srNumber, type, 1, start, "Completed", end, hiding)];
    const done = finish(wos, createdMs, end >= asOf);
    return { request: { status: done.status, closedMs: done.closedMs, lastModifiedMs: done.lastModifiedMs }, workOrders: wos };
  }
}

function isWorkDone(wo: DemoWorkOrder) {
  return DEPARTMENT_SPECS[wo.type.department].outcomes[wo.outcome as string]?.category === "work_done";
}

function locationOf(a: Address): DemoLocation {
  return {
    streetAddress: a.streetAddress,
    streetNumber: a.streetNumber,
    streetDirection: a.streetDirection,
    streetName: a.streetName,
    streetType: a.streetType,
    latitude: a.latitude,
    longitude: a.longitude,
    zipCode: a.zipCode,
    ward: a.ward,
    communityArea: a.communityArea,
  };
}

/**
 * Expected requests per type per day: the type's share of the yearly scale, spread over the
 * days by its season, the weekday and (for snow types) storms, so each type's year sums to its share.
 */
function dailyVolumes(options: DemoCityOptions, firstLocal: number): number[][] {
  const stormRng = new Rng(`${options.seed}:storms`);
  const storm: number[] = [];
  for (let day = 0; day < options.days; day++) {
    const month = new Date(firstLocal + day * DAY_MS).getUTCMonth();
    const snowy = SEASONS.snow[month] > 0.5;
    storm.push(snowy && stormRng.chance(0.07) ? stormRng.between(4, 9) : 1);
  }
  // A storm's snow stays on the sidewalks for a couple of days.
  const lingering = storm.map((f, day) => Math.max(f, day > 0 ? 1 + (storm[day - 1] - 1) * 0.4 : 1));
  const totalWeight = REQUEST_TYPES.reduce((sum, t) => sum + t.weight, 0);
  return REQUEST_TYPES.map((spec) => {
    const raw: number[] = [];
    for (let day = 0; day < options.days; day++) {
      const date = new Date(firstLocal + day * DAY_MS);
      const seasonal = SEASONS[spec.season][date.getUTCMonth()];
      raw.push(seasonal * WEEKDAY_WEIGHTS[date.getUTCDay()] * (spec.storms ? lingering[day] : 1));
    }
    const sum = raw.reduce((a, b) => a + b, 0);
    const yearly = (options.scale * spec.weight) / totalWeight;
    const perDayScale = (yearly * (options.days / 365)) / sum;
    return raw.map((r) => r * perDayScale);
  });
}

/** Every planted duplicate and recurrence of a city (runs the generator; meant for test-sized cities). */
export function plantedDuplicateTruth(options: Partial<DemoCityOptions> = {}): PlantedTruth[] {
  const truth: PlantedTruth[] = [];
  for (const record of generateDemoCity(options)) if (record.truth) truth.push(record.truth);
  return truth;
}
