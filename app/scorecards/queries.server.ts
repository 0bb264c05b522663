/**
 * The scorecard queries (DESIGN §4, §5.1, §6): one function per query, named for what it
 * returns. Every one takes the viewer's scope and filters by it in SQL; every one reads the
 * pre-aggregates only (ADR 007), never raw rows.
 */
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "#db/client.server";
import { canSeeDepartment, type Scope } from "~/auth/scope";
import { compositeFromMetrics, type CompositeScore } from "~/metrics/composite";
import { onTimePct, outcomeMix, pct, type OutcomeShare } from "~/metrics/compute";
import { isOutcomeCategory, type OutcomeCategory } from "~/metrics/outcomes";
import {
  addDays,
  addMonths,
  bucketStart,
  bucketsForPeriod,
  priorPeriod,
  type Bucket,
  type BucketUnit,
  type LocalDate,
  type Period,
} from "~/metrics/periods";
import {
  TOTAL,
  departmentCondition,
  groupKey,
  srClosePercentiles,
  srPeriodSums,
  woBacklogAt,
  woDurationPercentiles,
  woOutcomes,
  woPeriodSums,
  type Filter,
  type OutcomeRow,
  type SrKey,
  type WoKey,
} from "./aggregate-reads.server";
import { cachedByVersion } from "./result-cache.server";

export type { Period } from "~/metrics/periods";

/** §4 work-order metrics of one group (department, WO type, city) over a period. */
export interface WorkOrderMetrics {
  woCompleted: number;
  woMedianDays: number | null;
  woP90Days: number | null;
  woMeanDays: number | null;
  woSlaMetPct: number | null;
  woOnTimePct: number | null;
  woClosed: number;
  openWoAtEnd: number;
  openWoPastSlaAtEnd: number;
  openWoPastSlaPct: number | null;
  outcomeMix: OutcomeShare[];
}

/** §4 request metrics of one group (an SR counts for its owner department). */
export interface RequestMetrics {
  requestsCreated: number;
  requestsClosed: number;
  requestMedianDaysToClose: number | null;
  requestChainedSlaDays: number | null;
  requestWithinChainedSlaPct: number | null;
  flaggedDuplicatePct: number | null;
  suspectedDuplicates: number;
  suspectedDuplicatePct: number | null;
}

export type ScorecardMetrics = RequestMetrics & WorkOrderMetrics;

export interface DepartmentScorecardRow extends ScorecardMetrics {
  id: number;
  name: string;
  prior: ScorecardMetrics;
  compositeScore: number | null;
  composite: CompositeScore;
}

export interface CitywideScorecard {
  period: Period;
  priorPeriod: Period;
  citywide: ScorecardMetrics & { compositeScore: number | null; composite: CompositeScore };
  departments: DepartmentScorecardRow[];
}

export interface WorkOrderTypeRow extends WorkOrderMetrics {
  id: number;
  type: string;
  /** the SLA in force on the period's last day: the target, else what most of its WOs declare */
  slaDays: number | null;
  slaKind: string | null;
}

export interface ChainLink {
  sequence: number;
  woTypeId: number;
  woType: string;
  slaDays: number | null;
  /** share of this request type's first WOs that reach this step */
  share: number;
}

export interface RequestTypeRow {
  id: number;
  type: string;
  requestsCreated: number;
  requestsClosed: number;
  requestMedianDaysToClose: number | null;
  requestWithinChainedSlaPct: number | null;
  /** SLA of the first WO: what residents are shown */
  firstSlaDays: number | null;
  /** sum of the SLAs of the usual chain; null when a link has no SLA */
  chainedSlaDays: number | null;
  chain: ChainLink[];
}

export interface RawOutcomeCount {
  outcome: string;
  count: number;
  mapped: boolean;
}

export interface OutcomeShareWithRaw extends OutcomeShare {
  rawOutcomes: RawOutcomeCount[];
}

export interface BacklogAgingBucket {
  label: string;
  /** ages in elapsed days: min < age ≤ max (max null: no upper bound) */
  minDays: number;
  maxDays: number | null;
  count: number;
}

export interface DepartmentScorecard {
  period: Period;
  priorPeriod: Period;
  department: { id: number; name: string };
  metrics: ScorecardMetrics;
  prior: ScorecardMetrics;
  compositeScore: number | null;
  composite: CompositeScore;
  workOrderTypes: WorkOrderTypeRow[];
  requestTypes: RequestTypeRow[];
  outcomes: OutcomeShareWithRaw[];
  backlogAging: BacklogAgingBucket[];
}

/** §6: the JSON of `npm run scorecard --json` and `GET /api/scorecard`. */
export interface ScorecardExport {
  period: Period;
  citywide: ScorecardMetrics;
  departments: (ScorecardMetrics & { name: string; workOrderTypes: ({ type: string; slaDays: number | null } & WorkOrderMetrics)[] })[];
}

export interface TrendPoint {
  bucket: Bucket;
  woCompleted: number;
  woMedianDays: number | null;
  woSlaMetPct: number | null;
  requestsCreated: number;
  /** open WOs when the bucket ends */
  openWoAtEnd: number;
  /** the SLA target in force on the bucket's last day, when the department's WO types share one */
  slaTargetDays: number | null;
}

export interface DepartmentTrend {
  department: { id: number; name: string };
  grain: BucketUnit;
  period: Period;
  points: TrendPoint[];
}

export interface NeedsMappingRow {
  departmentId: number;
  department: string;
  rawOutcome: string;
  count: number;
}

/** Citywide table: each visible department with its prior period and composite, and the city row. */
export function getCitywideScorecard(db: Db, args: { scope: Scope; period: Period }): Promise<CitywideScorecard> {
  return cachedByVersion(db, "citywide", args, () => computeGetCitywideScorecard(db, args));
}

/** One department's page; null when the department does not exist or is outside the scope. */
export function getDepartmentScorecard(
  db: Db,
  args: { scope: Scope; departmentId: number; period: Period },
): Promise<DepartmentScorecard | null> {
  return cachedByVersion(db, "department", args, () => computeGetDepartmentScorecard(db, args));
}

/** The §6 export: every visible department (by source name) with its WO types. */
export function getScorecardExport(db: Db, args: { scope: Scope; period: Period }): Promise<ScorecardExport> {
  return cachedByVersion(db, "export", args, () => computeGetScorecardExport(db, args));
}

/**
 * A department's weekly or monthly series of `periods` buckets ending with the one that
 * contains `end` (a local date), zero-filled: counts 0, medians and percentages null where a
 * bucket is empty. Null when the department is outside the scope.
 */
export function getDepartmentTrend(
  db: Db,
  args: { scope: Scope; departmentId: number; grain: BucketUnit; periods: number; end: LocalDate },
): Promise<DepartmentTrend | null> {
  return cachedByVersion(db, "trend", args, () => computeGetDepartmentTrend(db, args));
}

/** Raw outcomes no mapping covers, with how many closed WOs carry each, per department. */
export function listNeedsMapping(db: Db, args: { scope: Scope }): Promise<NeedsMappingRow[]> {
  return cachedByVersion(db, "needs-mapping", args, () => computeListNeedsMapping(db, args));
}

// The queries behind them, uncached.

async function computeGetCitywideScorecard(
  db: Db,
  { scope, period }: { scope: Scope; period: Period },
): Promise<CitywideScorecard> {
  const prior = priorPeriod(period);
  const filter: Filter = { scope };
  const [current, before, departments] = await Promise.all([
    departmentMetrics(db, filter, period),
    departmentMetrics(db, filter, prior),
    visibleDepartments(db, scope),
  ]);
  const cityMetrics = current.get(TOTAL) ?? emptyMetrics();
  const cityComposite = compositeOf(cityMetrics);
  return {
    period,
    priorPeriod: prior,
    citywide: { ...cityMetrics, compositeScore: cityComposite.score, composite: cityComposite },
    departments: departments.map((d) => {
      const metrics = current.get(groupKey(d.id)) ?? emptyMetrics();
      const composite = compositeOf(metrics);
      return {
        id: d.id,
        name: d.name,
        ...metrics,
        prior: before.get(groupKey(d.id)) ?? emptyMetrics(),
        compositeScore: composite.score,
        composite,
      };
    }),
  };
}

async function computeGetDepartmentScorecard(
  db: Db,
  { scope, departmentId, period }: { scope: Scope; departmentId: number; period: Period },
): Promise<DepartmentScorecard | null> {
  if (!canSeeDepartment(scope, departmentId)) return null;
  const [department] = await visibleDepartments(db, scope, departmentId);
  if (!department) return null;
  const filter: Filter = { scope, departmentId };
  const prior = priorPeriod(period);
  const [current, before, typeMetrics, outcomes, backlog, requestTypes] = await Promise.all([
    departmentMetrics(db, filter, period),
    departmentMetrics(db, filter, prior),
    woMetricsBy(db, "work_order_type_id", filter, period),
    woOutcomes(db, "department_id", filter, period),
    woBacklogAt(db, "department_id", filter, period.to),
    requestTypeRows(db, filter, period),
  ]);
  const metrics = current.get(TOTAL) ?? emptyMetrics();
  const composite = compositeOf(metrics);
  const types = await workOrderTypesOf(db, departmentId, [...typeMetrics.keys()].filter((k) => k !== TOTAL).map(Number));
  const slas = await slaInForce(db, types.map((t) => t.id), addDays(period.to, -1));
  const b = backlog.get(TOTAL);
  return {
    period,
    priorPeriod: prior,
    department,
    metrics,
    prior: before.get(TOTAL) ?? emptyMetrics(),
    compositeScore: composite.score,
    composite,
    workOrderTypes: types.map((t) => ({
      id: t.id,
      type: t.name,
      slaDays: slas.get(t.id)?.days ?? null,
      slaKind: slas.get(t.id)?.kind ?? null,
      ...(typeMetrics.get(groupKey(t.id)) ?? emptyWorkOrderMetrics()),
    })),
    requestTypes,
    outcomes: outcomeMixWithRaw(outcomes.get(TOTAL) ?? []),
    backlogAging: backlogAging(b?.open ?? 0, b?.olderThan7 ?? 0, b?.olderThan30 ?? 0, b?.olderThan90 ?? 0),
  };
}

async function computeGetScorecardExport(
  db: Db,
  { scope, period }: { scope: Scope; period: Period },
): Promise<ScorecardExport> {
  const filter: Filter = { scope };
  const [byDepartment, byDepartmentType, departments] = await Promise.all([
    departmentMetrics(db, filter, period),
    woMetricsBy(db, "department_id, work_order_type_id", filter, period),
    visibleDepartments(db, scope),
  ]);
  const typeIds = new Map<number, number[]>();
  for (const key of byDepartmentType.keys()) {
    if (key === TOTAL) continue;
    const [dept, type] = key.split(":").map(Number);
    typeIds.set(dept, [...(typeIds.get(dept) ?? []), type]);
  }
  const allTypes = await workOrderTypeNames(db, [...new Set([...typeIds.values()].flat())]);
  const slas = await slaInForce(db, [...allTypes.keys()], addDays(period.to, -1));
  return {
    period,
    citywide: byDepartment.get(TOTAL) ?? emptyMetrics(),
    departments: departments.map((d) => ({
      name: d.name,
      ...(byDepartment.get(groupKey(d.id)) ?? emptyMetrics()),
      workOrderTypes: (typeIds.get(d.id) ?? [])
        .map((id) => ({ id, type: allTypes.get(id) ?? String(id) }))
        .sort((a, b) => a.type.localeCompare(b.type))
        .map(({ id, type }) => ({
          type,
          slaDays: slas.get(id)?.days ?? null,
          ...(byDepartmentType.get(groupKey(d.id, id)) ?? emptyWorkOrderMetrics()),
        })),
    })),
  };
}

async function computeGetDepartmentTrend(
  db: Db,
  {
    scope,
    departmentId,
    grain,
    periods,
    end,
  }: { scope: Scope; departmentId: number; grain: BucketUnit; periods: number; end: LocalDate },
): Promise<DepartmentTrend | null> {
  if (!canSeeDepartment(scope, departmentId)) return null;
  const [department] = await visibleDepartments(db, scope, departmentId);
  if (!department) return null;
  if (!Number.isInteger(periods) || periods < 1 || periods > 520) throw new RangeError(`periods must be 1…520, got ${periods}`);
  const lastStart = bucketStart(end, grain);
  const firstStart = grain === "week" ? addDays(lastStart, -7 * (periods - 1)) : addMonths(lastStart, -(periods - 1));
  const period: Period = { from: firstStart, to: grain === "week" ? addDays(lastStart, 7) : addMonths(lastStart, 1) };
  const buckets = bucketsForPeriod(period, grain);
  const filter: Filter = { scope, departmentId };
  const cond = departmentCondition(filter);
  const bucketOf = grain === "week" ? sql`date_trunc('week', day)::date` : sql`date_trunc('month', day)::date`;

  const [wo, sr, medians, openBefore] = await Promise.all([
    queryRows<{ b: string; completed: number; slaEligible: number; slaMet: number; netOpened: number }>(
      db,
      sql`select to_char(${bucketOf}, 'YYYY-MM-DD') as b, sum(completed)::int as completed,
                 sum(sla_eligible)::int as "slaEligible", sum(sla_met)::int as "slaMet",
                 sum(opened - open_ended)::int as "netOpened"
            from agg_wo_daily where day >= ${period.from} and day < ${period.to} and ${cond} group by 1`,
    ),
    queryRows<{ b: string; created: number }>(
      db,
      sql`select to_char(${bucketOf}, 'YYYY-MM-DD') as b, sum(created)::int as created
            from agg_sr_daily where day >= ${period.from} and day < ${period.to} and ${cond} group by 1`,
    ),
    bucketMedians(db, grain, filter, period),
    woBacklogAt(db, "department_id", filter, period.from),
  ]);
  const woBy = new Map(wo.map((r) => [r.b, r]));
  const srBy = new Map(sr.map((r) => [r.b, r]));
  const slaLine = await departmentSlaLine(db, departmentId, buckets);
  let open = openBefore.get(TOTAL)?.open ?? 0;
  const points = buckets.map((bucket, i): TrendPoint => {
    const w = woBy.get(bucket.start);
    open += Number(w?.netOpened ?? 0);
    return {
      bucket,
      woCompleted: Number(w?.completed ?? 0),
      woMedianDays: medians.get(bucket.start) ?? null,
      woSlaMetPct: pct(Number(w?.slaMet ?? 0), Number(w?.slaEligible ?? 0)),
      requestsCreated: Number(srBy.get(bucket.start)?.created ?? 0),
      openWoAtEnd: open,
      slaTargetDays: slaLine[i],
    };
  });
  return { department, grain, period, points };
}

async function computeListNeedsMapping(db: Db, { scope }: { scope: Scope }): Promise<NeedsMappingRow[]> {
  const rows = await queryRows<{ departmentId: number; department: string; rawOutcome: string; count: number }>(
    db,
    sql`select o.department_id as "departmentId", d.name as department, o.raw_outcome as "rawOutcome", sum(o.n)::int as count
          from agg_wo_outcome_monthly o join departments d on d.id = o.department_id
         where not o.mapped and ${departmentCondition({ scope })}
         group by 1, 2, 3 having sum(o.n) > 0
         order by count desc, department, "rawOutcome"`,
  );
  return rows.map((r) => ({ ...r, departmentId: Number(r.departmentId), count: Number(r.count) }));
}


// ---------------------------------------------------------------------------------------


async function departmentMetrics(db: Db, filter: Filter, period: Period): Promise<Map<string, ScorecardMetrics>> {
  const [wo, sr] = await Promise.all([
    woMetricsBy(db, "department_id", filter, period),
    srMetricsBy(db, "department_id", filter, period),
  ]);
  const out = new Map<string, ScorecardMetrics>();
  for (const key of new Set([...wo.keys(), ...sr.keys()])) {
    out.set(key, { ...(sr.get(key) ?? emptyRequestMetrics()), ...(wo.get(key) ?? emptyWorkOrderMetrics()) });
  }
  return out;
}

async function woMetricsBy(db: Db, key: WoKey, filter: Filter, period: Period): Promise<Map<string, WorkOrderMetrics>> {
  const [sums, backlog, outcomes, percentiles] = await Promise.all([
    woPeriodSums(db, key, filter, period),
    woBacklogAt(db, key, filter, period.to),
    woOutcomes(db, key, filter, period),
    woDurationPercentiles(db, key, filter, period),
  ]);
  const out = new Map<string, WorkOrderMetrics>();
  for (const k of new Set([...sums.keys(), ...backlog.keys()])) {
    const s = sums.get(k);
    const b = backlog.get(k);
    const p = percentiles.get(k);
    const completed = s?.completed ?? 0;
    const met = s?.slaMet ?? 0;
    const open = b?.open ?? 0;
    const openPastSla = b?.openPastSla ?? 0;
    if (!s && open === 0 && openPastSla === 0) continue;
    out.set(k, {
      woCompleted: completed,
      woMedianDays: p?.median ?? null,
      woP90Days: p?.p90 ?? null,
      woMeanDays: completed > 0 ? (s?.durationSum ?? 0) / completed : null,
      woSlaMetPct: pct(met, s?.slaEligible ?? 0),
      woOnTimePct: onTimePct({ met, completedLate: (s?.slaEligible ?? 0) - met, openPastSla }),
      woClosed: s?.closed ?? 0,
      openWoAtEnd: open,
      openWoPastSlaAtEnd: openPastSla,
      openWoPastSlaPct: pct(openPastSla, open),
      outcomeMix: outcomeMix(categoryCounts(outcomes.get(k) ?? [])),
    });
  }
  return out;
}

async function srMetricsBy(db: Db, key: SrKey, filter: Filter, period: Period): Promise<Map<string, RequestMetrics>> {
  const [sums, close, chain] = await Promise.all([
    srPeriodSums(db, key, filter, period),
    srClosePercentiles(db, key, filter, period, "close"),
    srClosePercentiles(db, key, filter, period, "chainSla"),
  ]);
  const out = new Map<string, RequestMetrics>();
  for (const [k, s] of sums) {
    out.set(k, {
      requestsCreated: s.created,
      requestsClosed: s.closed,
      requestMedianDaysToClose: close.get(k)?.median ?? null,
      requestChainedSlaDays: chain.get(k)?.median ?? null,
      requestWithinChainedSlaPct: pct(s.chainMet, s.chainEligible),
      flaggedDuplicatePct: pct(s.flaggedDuplicates, s.created),
      suspectedDuplicates: s.suspectedDuplicates,
      suspectedDuplicatePct: pct(s.suspectedDuplicates, s.created),
    });
  }
  return out;
}

async function requestTypeRows(db: Db, filter: Filter, period: Period): Promise<RequestTypeRow[]> {
  const [sums, close] = await Promise.all([
    srPeriodSums(db, "request_type_id", filter, period),
    srClosePercentiles(db, "request_type_id", filter, period, "close"),
  ]);
  const ids = [...sums.keys()].filter((k) => k !== TOTAL).map(Number);
  if (ids.length === 0) return [];
  const idList = sql.join(ids.map((id) => sql`${id}`), sql`, `);
  const [names, links] = await Promise.all([
    queryRows<{ id: number; name: string }>(db, sql`select id, name from request_types where id in (${idList})`),
    queryRows<{ requestTypeId: number; sequence: number; woTypeId: number; woType: string; n: number; firstN: number }>(
      db,
      // The usual chain: per step, the WO type most of the request type's SRs get there.
      sql`with steps as (
            select request_type_id, sequence, work_order_type_id, n,
                   row_number() over (partition by request_type_id, sequence order by n desc, work_order_type_id) as rank,
                   sum(n) over (partition by request_type_id, sequence) as step_n
              from agg_request_type_chain where request_type_id in (${idList}) and n > 0
          )
          select s.request_type_id as "requestTypeId", s.sequence, s.work_order_type_id as "woTypeId", t.name as "woType",
                 s.step_n::int as n, first_value(s.step_n) over (partition by s.request_type_id order by s.sequence)::int as "firstN"
            from steps s join work_order_types t on t.id = s.work_order_type_id
           where s.rank = 1
           order by 1, 2`,
    ),
  ]);
  const slas = await slaInForce(db, [...new Set(links.map((l) => Number(l.woTypeId)))], addDays(period.to, -1));
  const nameOf = new Map(names.map((r) => [Number(r.id), r.name]));
  return ids
    .map((id): RequestTypeRow => {
      const s = sums.get(groupKey(id));
      // Steps that at least half of the SRs reach make up the usual chain.
      const chain = links
        .filter((l) => Number(l.requestTypeId) === id && Number(l.n) * 2 >= Number(l.firstN))
        .map((l) => ({
          sequence: Number(l.sequence),
          woTypeId: Number(l.woTypeId),
          woType: l.woType,
          slaDays: slas.get(Number(l.woTypeId))?.days ?? null,
          share: Number(l.n) / Number(l.firstN),
        }));
      return {
        id,
        type: nameOf.get(id) ?? String(id),
        requestsCreated: s?.created ?? 0,
        requestsClosed: s?.closed ?? 0,
        requestMedianDaysToClose: close.get(groupKey(id))?.median ?? null,
        requestWithinChainedSlaPct: s ? pct(s.chainMet, s.chainEligible) : null,
        firstSlaDays: chain[0]?.slaDays ?? null,
        chainedSlaDays: chain.length > 0 && chain.every((l) => l.slaDays != null)
          ? chain.reduce((sum, l) => sum + (l.slaDays as number), 0)
          : null,
        chain,
      };
    })
    .sort((a, b) => b.requestsCreated - a.requestsCreated || a.type.localeCompare(b.type));
}

async function visibleDepartments(db: Db, scope: Scope, departmentId?: number) {
  const rows = await queryRows<{ id: number; name: string }>(
    db,
    sql`select id, name from departments where ${scopeOnId(scope, departmentId)} order by name`,
  );
  return rows.map((r) => ({ id: Number(r.id), name: r.name }));
}

function scopeOnId(scope: Scope, departmentId?: number) {
  const parts = [];
  if (scope.kind === "departments") {
    parts.push(
      scope.departmentIds.length === 0
        ? sql`false`
        : sql`id in (${sql.join(scope.departmentIds.map((id) => sql`${id}`), sql`, `)})`,
    );
  }
  if (departmentId != null) parts.push(sql`id = ${departmentId}`);
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/** The department's own WO types plus any other type its WOs used. */
async function workOrderTypesOf(db: Db, departmentId: number, usedIds: number[]) {
  const used = usedIds.length ? sql`or id in (${sql.join(usedIds.map((id) => sql`${id}`), sql`, `)})` : sql``;
  const rows = await queryRows<{ id: number; name: string }>(
    db,
    sql`select id, name from work_order_types where department_id = ${departmentId} ${used} order by name`,
  );
  return rows.map((r) => ({ id: Number(r.id), name: r.name }));
}

async function workOrderTypeNames(db: Db, ids: number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const rows = await queryRows<{ id: number; name: string }>(
    db,
    sql`select id, name from work_order_types where id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`,
  );
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

/**
 * Each WO type's SLA on a local date: the work-order-level target in force (effective_to
 * exclusive), else the SLA most of its WOs declare themselves.
 */
async function slaInForce(db: Db, typeIds: number[], on: LocalDate) {
  const out = new Map<number, { days: number; kind: string | null }>();
  if (typeIds.length === 0) return out;
  const ids = sql.join(typeIds.map((id) => sql`${id}`), sql`, `);
  const rows = await queryRows<{ id: number; days: string | number; kind: string | null }>(
    db,
    sql`select distinct on (id) id, days, kind from (
          select work_order_type_id as id, days, kind, 0 as pref, effective_from as rank_date, 0 as n
            from sla_targets
           where level = 'work_order' and work_order_type_id in (${ids})
             and effective_from <= ${on} and (effective_to is null or effective_to > ${on})
          union all
          select work_order_type_id, sla_days, nullif(sla_kind, ''), 1, null, n
            from agg_wo_type_declared_sla where work_order_type_id in (${ids}) and n > 0
        ) s
        order by id, pref, rank_date desc nulls last, n desc`,
  );
  for (const r of rows) out.set(Number(r.id), { days: Number(r.days), kind: r.kind });
  return out;
}

/**
 * Per bucket, the SLA target every WO type of the department has on the bucket's last day;
 * null when they differ or one has none (a line for one number only makes sense then).
 */
async function departmentSlaLine(db: Db, departmentId: number, buckets: Bucket[]): Promise<(number | null)[]> {
  const targets = await queryRows<{ typeId: number; days: string | number; from: string; to: string | null }>(
    db,
    sql`select t.id as "typeId", s.days, to_char(s.effective_from, 'YYYY-MM-DD') as "from",
               to_char(s.effective_to, 'YYYY-MM-DD') as "to"
          from work_order_types t
          left join sla_targets s on s.work_order_type_id = t.id and s.level = 'work_order'
         where t.department_id = ${departmentId}
         order by s.effective_from desc nulls last, s.id desc`,
  );
  const typeIds = [...new Set(targets.map((t) => Number(t.typeId)))];
  return buckets.map((bucket) => {
    const day = addDays(bucket.end, -1);
    const values = typeIds.map((id) => {
      const inForce = targets.find(
        (t) => Number(t.typeId) === id && t.from != null && t.from <= day && (t.to == null || t.to > day),
      );
      return inForce ? Number(inForce.days) : null;
    });
    return values.length > 0 && values.every((v) => v != null && v === values[0]) ? values[0] : null;
  });
}

/** Exact medians per trend bucket, stored at refresh time (agg_trend_percentiles). */
async function bucketMedians(db: Db, grain: BucketUnit, filter: Filter, period: Period) {
  const rows = await queryRows<{ b: string; median: number }>(
    db,
    sql`select to_char(bucket, 'YYYY-MM-DD') as b, median from agg_trend_percentiles
         where grain = ${grain === "week" ? "w" : "m"} and bucket >= ${period.from} and bucket < ${period.to}
           and ${departmentCondition(filter)}`,
  );
  return new Map(rows.map((r) => [r.b, Number(r.median)]));
}

function compositeOf(metrics: ScorecardMetrics): CompositeScore {
  const { outcomeMix: _mix, ...scalars } = metrics;
  return compositeFromMetrics(scalars);
}

function categoryCounts(rows: OutcomeRow[]): Partial<Record<OutcomeCategory, number>> {
  const counts: Partial<Record<OutcomeCategory, number>> = {};
  for (const r of rows) {
    const category = isOutcomeCategory(r.category) ? r.category : "other";
    counts[category] = (counts[category] ?? 0) + r.n;
  }
  return counts;
}

function outcomeMixWithRaw(rows: OutcomeRow[]): OutcomeShareWithRaw[] {
  return outcomeMix(categoryCounts(rows)).map((share) => ({
    ...share,
    rawOutcomes: rows
      .filter((r) => r.category === share.category)
      .map((r) => ({ outcome: r.rawOutcome, count: r.n, mapped: r.mapped }))
      .sort((a, b) => b.count - a.count || a.outcome.localeCompare(b.outcome)),
  }));
}

function backlogAging(open: number, over7: number, over30: number, over90: number): BacklogAgingBucket[] {
  return [
    { label: "0–7 days", minDays: 0, maxDays: 7, count: open - over7 },
    { label: "8–30 days", minDays: 7, maxDays: 30, count: over7 - over30 },
    { label: "31–90 days", minDays: 30, maxDays: 90, count: over30 - over90 },
    { label: "over 90 days", minDays: 90, maxDays: null, count: over90 },
  ];
}

export function emptyWorkOrderMetrics(): WorkOrderMetrics {
  return {
    woCompleted: 0,
    woMedianDays: null,
    woP90Days: null,
    woMeanDays: null,
    woSlaMetPct: null,
    woOnTimePct: null,
    woClosed: 0,
    openWoAtEnd: 0,
    openWoPastSlaAtEnd: 0,
    openWoPastSlaPct: null,
    outcomeMix: outcomeMix({}),
  };
}

export function emptyRequestMetrics(): RequestMetrics {
  return {
    requestsCreated: 0,
    requestsClosed: 0,
    requestMedianDaysToClose: null,
    requestChainedSlaDays: null,
    requestWithinChainedSlaPct: null,
    flaggedDuplicatePct: null,
    suspectedDuplicates: 0,
    suspectedDuplicatePct: null,
  };
}

export function emptyMetrics(): ScorecardMetrics {
  return { ...emptyRequestMetrics(), ...emptyWorkOrderMetrics() };
}
