/**
 * Every §4 metric the scorecards serve from the pre-aggregates, checked against an oracle
 * that reads the raw rows and applies DESIGN §4 literally in plain JS: counts and
 * percentages to 1e-6, medians and p90 within the 0.01-day quantisation bound of ADR 007
 * (0.005 d). Datasets: a hand-made city full of edge cases (DST weeks, WOs without SLA,
 * an SLA change mid-period, chains across departments, cancels with and without outcome,
 * unmapped and oddly cased outcomes), the demo city, and the real Chicago sample.
 */
import path from "node:path";
import { sql } from "drizzle-orm";
import { queryRows, type Db, type DbHandle } from "#db/client.server";
import type { Scope } from "~/auth/scope";
import { mean, percentileCont, pct, sortAscending } from "~/metrics/compute";
import { OUTCOME_CATEGORIES, type OutcomeCategory } from "~/metrics/outcomes";
import { localDateOf, priorPeriod, startOfLocalDate, type Period } from "~/metrics/periods";
import { Rng } from "~/demo/random";
import { refreshAggregates } from "~/scorecards/refresh.server";
import {
  getCitywideScorecard,
  getDepartmentScorecard,
  getDepartmentTrend,
  getScorecardExport,
  listNeedsMapping,
  type ScorecardMetrics,
  type WorkOrderMetrics,
} from "~/scorecards/queries.server";
import { dumpAggregates } from "../setup/aggregates";
import { createTestDb } from "../setup/db";
import { SAMPLE_DATA_DIR } from "../setup/data";

const TZ = "America/Chicago";
const QUANTISATION_BOUND = 0.005 + 1e-9;
const DAY_MS = 86_400_000;
const ALL: Scope = { kind: "all" };

// ----------------------------------------------------------------------------- oracle

interface RawWo {
  wo: string;
  sr: string;
  dept: number;
  type: number;
  status: string;
  created: number;
  completed: number | null;
  outcome: string | null;
  ownSla: number | null;
}
interface RawSr {
  sr: string;
  dept: number;
  type: number;
  created: number;
  closed: number | null;
  duplicate: boolean;
  suspected: boolean;
}
interface Raw {
  wos: RawWo[];
  srs: RawSr[];
  targets: { type: number; days: number; from: string; to: string | null; id: number }[];
  mappings: Map<string, OutcomeCategory>;
}

async function readRaw(db: Db): Promise<Raw> {
  const hasSuspects = (await queryRows<{ p: boolean }>(db, sql`select to_regclass('suspected_duplicates') is not null as p`))[0].p;
  const wos = await queryRows<RawWo>(
    db,
    sql`select wo_number as wo, sr_number as sr, department_id as dept, work_order_type_id as type, status,
               extract(epoch from created_at)::float8 * 1000 as created,
               extract(epoch from completed_at)::float8 * 1000 as completed, outcome, sla_days::float8 as "ownSla"
          from work_orders`,
  );
  const srs = await queryRows<RawSr>(
    db,
    sql`select sr_number as sr, coalesce(department_id, 0) as dept, request_type_id as type, duplicate,
               extract(epoch from created_at)::float8 * 1000 as created,
               extract(epoch from closed_at)::float8 * 1000 as closed,
               ${hasSuspects ? sql`exists (select 1 from suspected_duplicates d where d.sr_number = s.sr_number)` : sql`false`} as suspected
          from service_requests s`,
  );
  const targets = await queryRows<Raw["targets"][number]>(
    db,
    sql`select id, work_order_type_id as type, days::float8 as days, to_char(effective_from, 'YYYY-MM-DD') as "from",
               to_char(effective_to, 'YYYY-MM-DD') as "to"
          from sla_targets where level = 'work_order'`,
  );
  const mappingRows = await queryRows<{ dept: number | null; key: string; category: OutcomeCategory }>(
    db,
    sql`select department_id as dept, outcome_key as key, category from outcome_mappings`,
  );
  const num = (v: unknown) => (v == null ? null : Number(v));
  return {
    wos: wos.map((w) => ({ ...w, dept: Number(w.dept), type: Number(w.type), created: Number(w.created), completed: num(w.completed), ownSla: num(w.ownSla) })),
    srs: srs.map((s) => ({ ...s, dept: Number(s.dept), type: Number(s.type), created: Number(s.created), closed: num(s.closed), suspected: Boolean(s.suspected) })),
    targets: targets.map((t) => ({ ...t, type: Number(t.type), days: Number(t.days), id: Number(t.id) })),
    mappings: new Map(mappingRows.map((m) => [`${m.dept ?? ""}|${m.key}`, m.category])),
  };
}

/** §4: its own SLA_DAYS, else the target in force for its type on its local creation date. */
function slaOf(raw: Raw, wo: RawWo): number | null {
  if (wo.ownSla != null) return wo.ownSla;
  const day = localDateOf(new Date(wo.created), TZ);
  const inForce = raw.targets
    .filter((t) => t.type === wo.type && t.from <= day && (t.to == null || day < t.to))
    .sort((a, b) => (a.from < b.from ? 1 : a.from > b.from ? -1 : b.id - a.id));
  return inForce[0]?.days ?? null;
}

const isCompleted = (w: RawWo) => w.status.toLowerCase() === "completed" && w.completed != null;
const isClosed = (w: RawWo) => ["completed", "canceled", "cancelled"].includes(w.status.toLowerCase()) && w.completed != null;

function categoryOf(raw: Raw, w: RawWo): OutcomeCategory {
  const key = (w.outcome ?? "").trim().toLowerCase();
  if (key === "") return w.status.toLowerCase().startsWith("cancel") ? "cancelled" : "other";
  return raw.mappings.get(`${w.dept}|${key}`) ?? raw.mappings.get(`|${key}`) ?? "other";
}

function oracleWo(raw: Raw, wos: RawWo[], period: Period): WorkOrderMetrics & { aging: number[] } {
  const from = startOfLocalDate(period.from, TZ).getTime();
  const to = startOfLocalDate(period.to, TZ).getTime();
  const inPeriod = (t: number | null) => t != null && t >= from && t < to;
  const completed = wos.filter((w) => isCompleted(w) && inPeriod(w.completed));
  const durations = sortAscending(completed.map((w) => ((w.completed as number) - w.created) / DAY_MS));
  const withSla = completed.filter((w) => slaOf(raw, w) != null);
  const met = withSla.filter((w) => ((w.completed as number) - w.created) / DAY_MS <= (slaOf(raw, w) as number)).length;
  const open = wos.filter((w) => w.created < to && !(isClosed(w) && (w.completed as number) < to));
  const age = (w: RawWo) => (to - w.created) / DAY_MS;
  const pastSla = open.filter((w) => slaOf(raw, w) != null && age(w) > (slaOf(raw, w) as number)).length;
  const closed = wos.filter((w) => isClosed(w) && inPeriod(w.completed));
  const counts = Object.fromEntries(OUTCOME_CATEGORIES.map((c) => [c, 0])) as Record<OutcomeCategory, number>;
  for (const w of closed) counts[categoryOf(raw, w)]++;
  return {
    woCompleted: completed.length,
    woMedianDays: percentileCont(durations, 0.5),
    woP90Days: percentileCont(durations, 0.9),
    woMeanDays: mean(durations),
    woSlaMetPct: pct(met, withSla.length),
    woOnTimePct: pct(met, met + (withSla.length - met) + pastSla),
    woClosed: closed.length,
    openWoAtEnd: open.length,
    openWoPastSlaAtEnd: pastSla,
    openWoPastSlaPct: pct(pastSla, open.length),
    outcomeMix: OUTCOME_CATEGORIES.map((category) => ({
      category,
      label: "",
      count: counts[category],
      pct: pct(counts[category], closed.length),
    })),
    aging: [
      open.filter((w) => age(w) <= 7).length,
      open.filter((w) => age(w) > 7 && age(w) <= 30).length,
      open.filter((w) => age(w) > 30 && age(w) <= 90).length,
      open.filter((w) => age(w) > 90).length,
    ],
  };
}

function oracleSr(raw: Raw, srs: RawSr[], period: Period) {
  const from = startOfLocalDate(period.from, TZ).getTime();
  const to = startOfLocalDate(period.to, TZ).getTime();
  const created = srs.filter((s) => s.created >= from && s.created < to);
  const closed = srs.filter((s) => s.closed != null && s.closed >= from && s.closed < to);
  const woBySr = new Map<string, RawWo[]>();
  for (const w of raw.wos) woBySr.set(w.sr, [...(woBySr.get(w.sr) ?? []), w]);
  const chained = closed.flatMap((s) => {
    const chain = woBySr.get(s.sr) ?? [];
    const slas = chain.map((w) => slaOf(raw, w));
    if (chain.length === 0 || slas.some((x) => x == null)) return [];
    return [{ sum: slas.reduce((a, b) => (a as number) + (b as number), 0) as number, days: ((s.closed as number) - s.created) / DAY_MS }];
  });
  const suspected = created.filter((s) => s.suspected && !s.duplicate).length;
  return {
    requestsCreated: created.length,
    requestsClosed: closed.length,
    requestMedianDaysToClose: percentileCont(sortAscending(closed.map((s) => ((s.closed as number) - s.created) / DAY_MS)), 0.5),
    requestChainedSlaDays: percentileCont(sortAscending(chained.map((c) => c.sum)), 0.5),
    requestWithinChainedSlaPct: pct(chained.filter((c) => c.days <= c.sum).length, chained.length),
    flaggedDuplicatePct: pct(created.filter((s) => s.duplicate).length, created.length),
    suspectedDuplicates: suspected,
    suspectedDuplicatePct: pct(suspected, created.length),
  };
}

const APPROXIMATE = new Set(["woMedianDays", "woP90Days", "requestMedianDaysToClose", "requestChainedSlaDays"]);

function expectClose(label: string, actual: unknown, expected: unknown) {
  if (expected == null) {
    expect(actual, `${label} should be null`).toBeNull();
    return;
  }
  expect(actual, `${label} should not be null`).not.toBeNull();
  const tolerance = APPROXIMATE.has(label.split(".").pop() as string) ? QUANTISATION_BOUND : 1e-6;
  expect(Math.abs((actual as number) - (expected as number)), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

function compareMetrics(label: string, actual: Partial<ScorecardMetrics>, expected: Partial<ScorecardMetrics>) {
  for (const [key, value] of Object.entries(expected)) {
    if (key === "outcomeMix") {
      const got = (actual.outcomeMix ?? []).map((o) => [o.category, o.count, o.pct]);
      const want = (value as ScorecardMetrics["outcomeMix"]).map((o) => [o.category, o.count, o.pct]);
      for (let i = 0; i < want.length; i++) {
        expect(got[i][0]).toBe(want[i][0]);
        expect(got[i][1], `${label}.outcomeMix.${want[i][0]}`).toBe(want[i][1]);
        expectClose(`${label}.outcomeMix.${want[i][0]}.pct`, got[i][2], want[i][2]);
      }
    } else if (key !== "aging") {
      expectClose(`${label}.${key}`, (actual as Record<string, unknown>)[key], value);
    }
  }
}

/** Checks the citywide scorecard, the §6 export (departments × WO types) and each department page. */
async function checkAgainstOracle(db: Db, period: Period) {
  const raw = await readRaw(db);
  const city = await getCitywideScorecard(db, { scope: ALL, period });
  const exported = await getScorecardExport(db, { scope: ALL, period });
  compareMetrics(`${period.from}/citywide`, city.citywide, {
    ...oracleSr(raw, raw.srs, period),
    ...oracleWo(raw, raw.wos, period),
  });
  compareMetrics(`${period.from}/export citywide`, exported.citywide, oracleWo(raw, raw.wos, period));
  for (const d of city.departments) {
    const wos = raw.wos.filter((w) => w.dept === d.id);
    const expected = { ...oracleSr(raw, raw.srs.filter((s) => s.dept === d.id), period), ...oracleWo(raw, wos, period) };
    compareMetrics(`${period.from}/${d.name}`, d, expected);
    compareMetrics(`${period.from}/${d.name}/prior`, d.prior, {
      ...oracleSr(raw, raw.srs.filter((s) => s.dept === d.id), priorPeriod(period)),
      ...oracleWo(raw, wos, priorPeriod(period)),
    });
    const page = await getDepartmentScorecard(db, { scope: ALL, departmentId: d.id, period });
    expect(page).not.toBeNull();
    compareMetrics(`${period.from}/${d.name}/page`, page!.metrics, expected);
    expect(page!.backlogAging.map((b) => b.count), `${d.name} aging`).toEqual(oracleWo(raw, wos, period).aging);
    for (const t of page!.workOrderTypes) {
      compareMetrics(`${period.from}/${d.name}/${t.type}`, t, oracleWo(raw, wos.filter((w) => w.type === t.id), period));
    }
    const exportedDept = exported.departments.find((e) => e.name === d.name);
    for (const t of exportedDept?.workOrderTypes ?? []) {
      const typeId = page!.workOrderTypes.find((x) => x.type === t.type)?.id;
      compareMetrics(`${period.from}/${d.name}/export/${t.type}`, t, oracleWo(raw, wos.filter((w) => w.type === typeId), period));
    }
  }
}

// ------------------------------------------------------------------- hand-made city

/** Local wall time → timestamptz literal PostgreSQL reads in the city's zone (as the importers do). */
const local = (s: string) => sql`(${s}::timestamp at time zone ${TZ})`;

async function buildEdgeCaseCity(db: Db) {
  const rng = new Rng("scorecard-oracle");
  await db.execute(sql`insert into departments (id, name) values (1, 'Streets and Sanitation'), (2, 'Water Management'), (3, 'Transportation')`);
  await db.execute(sql`insert into request_types (id, name, department_id) values
    (1, 'Pothole in Street', 3), (2, 'Sewer Cave-In Inspection', 2), (3, 'Graffiti Removal', 1), (4, 'Rodent Baiting', 1)`);
  await db.execute(sql`insert into work_order_types (id, name, department_id) values
    (1, 'Pothole Patch', 3), (2, 'Sewer Inspect', 2), (3, 'Sewer Excavate', 2), (4, 'Street Restore', 3),
    (5, 'Graffiti Blast', 1), (6, 'Rodent Bait', 1), (7, 'Rodent Follow-up (no SLA)', 1)`);
  // Type 1's SLA tightens mid-year; type 7 has none (only some of its WOs carry their own).
  await db.execute(sql`insert into sla_targets (level, work_order_type_id, kind, days, effective_from, effective_to) values
    ('work_order', 1, 'estimated', 7, '2024-01-01', '2025-06-15'),
    ('work_order', 1, 'estimated', 3, '2025-06-15', null),
    ('work_order', 2, 'estimated', 20, '2024-01-01', null),
    ('work_order', 3, 'estimated', 30, '2024-01-01', null),
    ('work_order', 4, 'median', 60, '2024-01-01', null),
    ('work_order', 5, 'median', 2.5, '2024-01-01', null),
    ('work_order', 6, 'estimated', 14, '2024-01-01', null)`);
  await db.execute(sql`insert into outcome_mappings (department_id, raw_outcome, outcome_key, category) values
    (null, 'Work Completed', 'work completed', 'work_done'),
    (null, 'No Cause Found', 'no cause found', 'no_cause'),
    (null, 'Already Completed', 'already completed', 'already_addressed'),
    (1, 'Already Completed', 'already completed', 'duplicate'),
    (null, 'Transferred', 'transferred', 'transferred')`);
  const chains: Record<number, number[]> = { 1: [1], 2: [2, 3, 4], 3: [5], 4: [6, 7] };
  const deptOfType: Record<number, number> = { 1: 3, 2: 2, 3: 2, 4: 3, 5: 1, 6: 1, 7: 1 };
  const outcomes = ["Work Completed", "  work completed ", "NO CAUSE FOUND", "Already Completed", "Transferred", "Gave up", "", null];
  // Creation times cluster around both 2025 DST changes (Mar 9, Nov 2) and a few midnights.
  const hotDays = ["2025-03-08", "2025-03-09", "2025-03-10", "2025-11-01", "2025-11-02", "2025-11-03"];
  const srRows: SQL[] = [];
  const woRows: SQL[] = [];
  for (let i = 0; i < 700; i++) {
    const type = 1 + Math.floor(rng.next() * 4);
    const base = rng.next() < 0.3 ? hotDays[Math.floor(rng.next() * hotDays.length)] : dayOfYear(2025, Math.floor(rng.next() * 365));
    const created = `${base} ${pad(Math.floor(rng.next() * 24))}:${pad(Math.floor(rng.next() * 60))}:${pad(Math.floor(rng.next() * 60))}`;
    let t = Date.parse(`${created.replace(" ", "T")}Z`);
    let open = false;
    const chain = chains[type];
    for (let seq = 0; seq < chain.length; seq++) {
      const woType = chain[seq];
      const roll = rng.next();
      const status = roll < 0.15 ? "Open" : roll < 0.27 ? "Canceled" : "Completed";
      const duration = rng.next() < 0.05 ? 0 : Math.round(rng.next() ** 2 * 40 * DAY_MS);
      const done = status === "Open" ? null : fmt(t + duration);
      const outcome = status === "Open" ? null : outcomes[Math.floor(rng.next() * outcomes.length)];
      const ownSla = woType === 7 && rng.next() < 0.4 ? 10 : rng.next() < 0.05 ? 5 : null;
      woRows.push(sql`(${`WO${i}-${seq}`}, ${`SR${i}`}, ${woType}, ${deptOfType[woType]}, ${seq + 1}, ${status},
        ${local(fmt(t))}, ${done == null ? null : local(done)}, ${outcome}, ${ownSla})`);
      if (status === "Open") {
        open = true;
        break;
      }
      t += duration;
    }
    const closed = open ? null : fmt(t + Math.round(rng.next() * 3_600_000));
    srRows.push(sql`(${`SR${i}`}, ${type}, ${type === 1 ? 3 : type === 2 ? 2 : 1}, ${open ? "Open" : "Completed"},
      ${local(created)}, ${closed == null ? null : local(closed)}, ${rng.next() < 0.06})`);
  }
  await db.execute(sql`insert into service_requests (sr_number, request_type_id, department_id, status, created_at, closed_at, duplicate)
    values ${sql.join(srRows, sql`, `)}`);
  await db.execute(sql`insert into work_orders (wo_number, sr_number, work_order_type_id, department_id, sequence, status,
    created_at, completed_at, outcome, sla_days) values ${sql.join(woRows, sql`, `)}`);
  // Rows on the exact edges: an age that is under 7 (or 20) real days at a period end only
  // because of the lost spring-forward hour, and a duration exactly equal to its SLA.
  await db.execute(sql`insert into service_requests (sr_number, request_type_id, department_id, status, created_at, closed_at, duplicate) values
    ('SR-EDGE1', 1, 3, 'Open', ${local("2025-03-02 23:30:00")}, null, false),
    ('SR-EDGE2', 2, 2, 'Open', ${local("2025-02-18 23:30:00")}, null, false),
    ('SR-EDGE3', 1, 3, 'Completed', ${local("2025-07-01 10:00:00")}, ${local("2025-07-04 10:00:00")}, false)`);
  await db.execute(sql`insert into work_orders (wo_number, sr_number, work_order_type_id, department_id, sequence, status, created_at, completed_at, outcome) values
    ('WO-EDGE1', 'SR-EDGE1', 1, 3, 1, 'Open', ${local("2025-03-02 23:30:00")}, null, null),
    ('WO-EDGE2', 'SR-EDGE2', 2, 2, 1, 'Open', ${local("2025-02-18 23:30:00")}, null, null),
    ('WO-EDGE3', 'SR-EDGE3', 1, 3, 1, 'Completed', ${local("2025-07-01 10:00:00")}, ${local("2025-07-04 10:00:00")}, 'Work Completed')`);
  await plantSuspects(db, 25);
}

/** A few suspected duplicates, if the detector's table is there (some flagged, which must not count). */
async function plantSuspects(db: Db, n: number) {
  const present = (await queryRows<{ p: boolean }>(db, sql`select to_regclass('suspected_duplicates') is not null as p`))[0].p;
  if (!present) return;
  await db.execute(sql`insert into suspected_duplicates (sr_number, duplicate_of, request_type_id, gap_hours, matched_by, params_version)
    select s.sr_number, p.sr_number, s.request_type_id, 1, 'address', 'oracle'
      from (select sr_number, request_type_id, row_number() over (order by sr_number) as i from service_requests) s
      join lateral (select sr_number from service_requests q where q.request_type_id = s.request_type_id
                     and q.sr_number <> s.sr_number order by q.sr_number limit 1) p on true
     where s.i % 7 = 0 limit ${n}`);
}

type SQL = ReturnType<typeof sql>;
const pad = (n: number) => String(n).padStart(2, "0");
const dayOfYear = (y: number, d: number) => new Date(Date.UTC(y, 0, 1 + d)).toISOString().slice(0, 10);
/** Wall-clock arithmetic in a zone-less calendar, printed back as a local wall time. */
const fmt = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace("T", " ");

const PERIODS: Period[] = [
  { from: "2025-03-01", to: "2025-04-01" }, // a month with the spring DST change
  { from: "2025-03-03", to: "2025-03-10" }, // the week ending on the spring-forward day
  { from: "2025-03-09", to: "2025-03-16" }, // the week starting on it
  { from: "2025-10-27", to: "2025-11-03" }, // the fall-back week
  { from: "2025-02-17", to: "2025-08-09" }, // ragged ends around whole months, across the SLA change
  { from: "2025-01-01", to: "2026-01-01" }, // the year
  { from: "2025-06-14", to: "2025-06-16" }, // the two days around the SLA change
  { from: "2025-07-04", to: "2025-07-05" }, // the day a WO takes exactly its SLA
];

describe("pre-aggregates vs a raw-row oracle: hand-made edge-case city", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
    await buildEdgeCaseCity(handle.db);
    await refreshAggregates(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
  });

  test.each(PERIODS)("period $from → $to", async (period) => {
    await checkAgainstOracle(handle.db, period);
  });

  test.each([PERIODS[0], PERIODS[5]])("standard period $from → $to: medians exact (percentile_cont at refresh)", async (period) => {
    const stored = await queryRows(handle.db, sql`select 1 from agg_standard_periods where period_from = ${period.from} and period_to = ${period.to}`);
    expect(stored).toHaveLength(1);
    const raw = await readRaw(handle.db);
    const city = await getCitywideScorecard(handle.db, { scope: ALL, period });
    const oracle = oracleWo(raw, raw.wos, period);
    expect(Math.abs((city.citywide.woMedianDays as number) - (oracle.woMedianDays as number))).toBeLessThan(1e-9);
    expect(Math.abs((city.citywide.woP90Days as number) - (oracle.woP90Days as number))).toBeLessThan(1e-9);
  });

  test("an empty period gives null medians, means and percentages, and zero counts", async () => {
    const period = { from: "2031-02-01", to: "2031-03-01" };
    const city = await getCitywideScorecard(handle.db, { scope: ALL, period });
    for (const key of ["woMedianDays", "woP90Days", "woMeanDays", "woSlaMetPct", "requestMedianDaysToClose", "flaggedDuplicatePct"] as const) {
      expect(city.citywide[key], key).toBeNull();
    }
    expect(city.citywide.woCompleted).toBe(0);
    expect(city.citywide.outcomeMix.every((o) => o.count === 0 && o.pct === null)).toBe(true);
    // the backlog does not vanish in an empty period: what was open stays open
    expect(city.citywide.openWoAtEnd).toBeGreaterThan(0);
    await checkAgainstOracle(handle.db, period);
  });

  test("a department head sees only their department, everywhere", async () => {
    const scope: Scope = { kind: "departments", departmentIds: [2] };
    const period = PERIODS[5];
    const city = await getCitywideScorecard(handle.db, { scope, period });
    expect(city.departments.map((d) => d.id)).toEqual([2]);
    const raw = await readRaw(handle.db);
    compareMetrics("scoped citywide", city.citywide, oracleWo(raw, raw.wos.filter((w) => w.dept === 2), period));
    expect(await getDepartmentScorecard(handle.db, { scope, departmentId: 1, period })).toBeNull();
    expect(await getDepartmentTrend(handle.db, { scope, departmentId: 1, grain: "week", periods: 4, end: "2025-06-01" })).toBeNull();
    const exported = await getScorecardExport(handle.db, { scope, period });
    expect(exported.departments.map((d) => d.name)).toEqual(["Water Management"]);
    expect((await listNeedsMapping(handle.db, { scope })).every((r) => r.departmentId === 2)).toBe(true);
  });

  test("the sewer chain crosses departments and its chained SLA is the sum of its steps", async () => {
    const page = await getDepartmentScorecard(handle.db, { scope: ALL, departmentId: 2, period: PERIODS[5] });
    const sewer = page!.requestTypes.find((r) => r.type === "Sewer Cave-In Inspection")!;
    expect(sewer.chain.map((l) => [l.sequence, l.woType, l.slaDays])).toEqual([
      [1, "Sewer Inspect", 20],
      [2, "Sewer Excavate", 30],
      [3, "Street Restore", 60],
    ]);
    expect(sewer.firstSlaDays).toBe(20);
    expect(sewer.chainedSlaDays).toBe(110);
  });

  test("outcome mix lists the raw outcomes behind each category; unmapped ones need mapping", async () => {
    const page = await getDepartmentScorecard(handle.db, { scope: ALL, departmentId: 1, period: PERIODS[5] });
    const dup = page!.outcomes.find((o) => o.category === "duplicate")!;
    expect(dup.rawOutcomes.map((r) => r.outcome)).toEqual(["Already Completed"]);
    const workDone = page!.outcomes.find((o) => o.category === "work_done")!;
    expect(workDone.rawOutcomes.map((r) => r.outcome).sort()).toEqual(["Work Completed", "work completed"]);
    const cancelled = page!.outcomes.find((o) => o.category === "cancelled")!;
    expect(cancelled.rawOutcomes.map((r) => r.outcome)).toEqual([""]);
    const needs = await listNeedsMapping(handle.db, { scope: ALL });
    expect(new Set(needs.map((n) => n.rawOutcome))).toEqual(new Set(["Gave up"]));
  });

  test("the weekly trend matches the oracle bucket by bucket, zero-filled", async () => {
    const trend = await getDepartmentTrend(handle.db, { scope: ALL, departmentId: 3, grain: "week", periods: 12, end: "2025-03-20" });
    expect(trend!.points).toHaveLength(12);
    const raw = await readRaw(handle.db);
    for (const p of trend!.points) {
      const o = oracleWo(raw, raw.wos.filter((w) => w.dept === 3), { from: p.bucket.start, to: p.bucket.end });
      expect(p.woCompleted).toBe(o.woCompleted);
      expectClose(`trend ${p.bucket.label}.woMedianDays`, p.woMedianDays, o.woMedianDays);
      expectClose(`trend ${p.bucket.label}.woSlaMetPct`, p.woSlaMetPct, o.woSlaMetPct);
      expect(p.openWoAtEnd, p.bucket.label).toBe(o.openWoAtEnd);
      const created = oracleSr(raw, raw.srs.filter((s) => s.dept === 3), { from: p.bucket.start, to: p.bucket.end }).requestsCreated;
      expect(p.requestsCreated).toBe(created);
    }
  });

  test("an incremental refresh after a daily delta equals a full refresh", async () => {
    const db = handle.db;
    const day = "2025-07-14";
    // What the importer does: every row it writes leaves its key for the next refresh.
    const pendingWo = (change: SQL) => db.execute(sql`with changed as (${change} returning wo_number)
      insert into agg_pending_wo select wo_number from changed`);
    const pendingSr = (change: SQL) => db.execute(sql`with changed as (${change} returning sr_number)
      insert into agg_pending_sr select sr_number from changed`);
    // Close open WOs created long before, add new requests and WOs, re-word and cancel closed ones.
    await pendingWo(sql`update work_orders set status = 'Completed', completed_at = ${local(`${day} 09:30:00`)}, outcome = 'Work Completed'
      where wo_number in (select wo_number from work_orders where status = 'Open' and created_at < ${local(`${day} 00:00:00`)} order by wo_number limit 15)`);
    await pendingWo(sql`update work_orders set outcome = 'Gave up again' where completed_at >= ${local(`${day} 00:00:00`)}
      and completed_at < ${local("2025-07-15 00:00:00")} and status = 'Completed' and outcome = 'Work Completed'
      and wo_number in (select wo_number from work_orders order by wo_number desc limit 200)`);
    await pendingSr(sql`insert into service_requests (sr_number, request_type_id, department_id, status, created_at, closed_at, duplicate) values
      ('SRNEW1', 2, 2, 'Open', ${local(`${day} 08:00:00`)}, null, false),
      ('SRNEW2', 1, 3, 'Completed', ${local(`${day} 01:00:00`)}, ${local(`${day} 23:00:00`)}, true)`);
    await pendingWo(sql`insert into work_orders (wo_number, sr_number, work_order_type_id, department_id, sequence, status, created_at, completed_at, outcome) values
      ('WONEW1', 'SRNEW1', 2, 2, 1, 'Open', ${local(`${day} 08:05:00`)}, null, null),
      ('WONEW2', 'SRNEW2', 1, 3, 1, 'Completed', ${local(`${day} 01:05:00`)}, ${local(`${day} 22:00:00`)}, 'Work Completed')`);
    const result = await refreshAggregates(db, "pending");
    expect(result.mode).toBe("incremental");
    expect(result.workOrders).toBeGreaterThanOrEqual(17);
    expect(await queryRows(db, sql`select * from agg_pending_wo union all select * from agg_pending_sr`)).toEqual([]);
    const again = await refreshAggregates(db, "pending");
    expect(again).toMatchObject({ mode: "incremental", workOrders: 0, serviceRequests: 0, version: result.version });
    const incremental = await dumpAggregates(db);
    await refreshAggregates(db);
    const full = await dumpAggregates(db);
    for (const table of Object.keys(full)) expect(incremental[table], table).toEqual(full[table]);
    await checkAgainstOracle(db, { from: "2025-07-01", to: "2025-08-01" });
  });
});

// ---------------------------------------------------------------- demo and real data

describe("pre-aggregates vs the oracle: demo city", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
    const { seedDemoCity } = await import("~/demo/seed.server");
    await seedDemoCity(handle.db, { scale: 2500, days: 120, endDate: "2026-11-30" });
    await refreshAggregates(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
  });

  test.each([
    { from: "2026-10-01", to: "2026-11-01" },
    { from: "2026-08-10", to: "2026-12-01" },
    { from: "2026-10-26", to: "2026-11-09" }, // fall-back week 2026 (Nov 1)
  ])("period $from → $to", async (period) => {
    await checkAgainstOracle(handle.db, period);
  });
});

describe("pre-aggregates vs the oracle: Chicago sample chicago-2021-jan-nandini", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
    const { importFile } = await import("~/imports/run.server");
    const dataDir = SAMPLE_DATA_DIR;
    const summary = await importFile(handle.db, {
      kind: "requests",
      path: path.join(dataDir, "chicago-2021-jan-nandini/chicago_311_data.csv"),
    });
    expect(summary.status).toBe("succeeded");
    await refreshAggregates(handle.db, "pending");
  });
  afterAll(async () => {
    await handle?.close();
  });

  test.each([
    { from: "2021-01-01", to: "2021-01-02" },
    { from: "2021-01-01", to: "2021-02-01" },
    { from: "2021-01-01", to: "2026-01-01" },
  ])("period $from → $to", async (period) => {
    await checkAgainstOracle(handle.db, period);
  });

  test("incremental refresh of the sample equals a full refresh", async () => {
    const incremental = await dumpAggregates(handle.db);
    await refreshAggregates(handle.db);
    expect(await dumpAggregates(handle.db)).toEqual(incremental);
  });
});
