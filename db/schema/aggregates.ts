/**
 * Pre-aggregates behind every scorecard (DESIGN §4, ADR 007). Pages read these, never the
 * raw service_requests / work_orders rows. They are derived data: `refreshAggregates`
 * rebuilds them (fully, or incrementally from the per-row facts) in one transaction.
 *
 * "day" columns are local calendar dates in the city's time zone. Department 0 stands for
 * "no owner department" (an SR without one) so that the keys need no nullable column. Keys
 * lead with department then day: a department page reads one range of days of its own rows,
 * not every day of every type it has.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

const day = (name: string) => date(name, { mode: "string" });
const counter = (name: string) => integer(name).notNull().default(0);

/**
 * One row per work order: what it contributes to the aggregates, as of the last refresh.
 * An incremental refresh subtracts a changed WO's old contribution and adds its new one,
 * so it needs the old values even after the importer has overwritten the raw row.
 */
export const aggWoFacts = pgTable(
  "agg_wo_facts",
  {
    woNumber: text("wo_number").primaryKey(),
    srNumber: text("sr_number").notNull(),
    departmentId: integer("department_id").notNull(),
    workOrderTypeId: integer("work_order_type_id").notNull(),
    requestTypeId: integer("request_type_id").notNull(),
    sequence: integer("sequence").notNull(),
    /** the WO's own SLA_DAYS / SLA_KIND as the source gave them */
    ownSlaDays: numeric("own_sla_days", { mode: "number" }),
    ownSlaKind: text("own_sla_kind").notNull(),
    createdDay: day("created_day").notNull(),
    /** local day of the closing time (Completed or Canceled), null while open */
    closeDay: day("close_day"),
    completed: boolean("completed").notNull(),
    /** real elapsed days, completed WOs only */
    durationDays: doublePrecision("duration_days"),
    /** durationDays rounded to 0.01 d: the histogram bucket */
    durationCenti: integer("duration_centi"),
    /** own SLA_DAYS, else the target in force for the type at creation */
    slaDays: numeric("sla_days", { mode: "number" }),
    slaMet: boolean("sla_met"),
    category: text("category"),
    rawOutcome: text("raw_outcome"),
    mapped: boolean("mapped"),
    /** local day on which the WO's age first exceeds its SLA / 7 / 30 / 90 days */
    slaDueDay: day("sla_due_day"),
    age7Day: day("age7_day").notNull(),
    age30Day: day("age30_day").notNull(),
    age90Day: day("age90_day").notNull(),
  },
  (t) => [
    index("agg_wo_facts_close_idx").on(t.closeDay),
    // A refresh recomputes a department's trend medians from its own completed work orders of
    // the bucket: read from this index alone, without visiting the table.
    index("agg_wo_facts_dept_close_idx").on(t.departmentId, t.closeDay, t.durationDays).where(sql`${t.completed}`),
    index("agg_wo_facts_sr_idx").on(t.srNumber),
  ],
);

/** One row per service request, same role as aggWoFacts. */
export const aggSrFacts = pgTable(
  "agg_sr_facts",
  {
    srNumber: text("sr_number").primaryKey(),
    departmentId: integer("department_id").notNull(),
    requestTypeId: integer("request_type_id").notNull(),
    createdDay: day("created_day").notNull(),
    closeDay: day("close_day"),
    closeDays: doublePrecision("close_days"),
    closeCenti: integer("close_centi"),
    /** sum of its WOs' SLAs when it has WOs and every one has an SLA: the chain's end-to-end promise */
    chainSlaDays: doublePrecision("chain_sla_days"),
    flaggedDuplicate: boolean("flagged_duplicate").notNull(),
    suspectedDuplicate: boolean("suspected_duplicate").notNull(),
  },
  (t) => [
    index("agg_sr_facts_close_idx").on(t.closeDay),
  ],
);

/**
 * Per department, WO type and local day. Period metrics sum the first group over
 * `from ≤ day < to`; backlog metrics at `to` sum the event pairs over `day < to`
 * (open at `to` = opened − openEnded; see ADR 007 for why each pair is exact).
 */
export const aggWoDaily = pgTable(
  "agg_wo_daily",
  {
    departmentId: integer("department_id").notNull(),
    workOrderTypeId: integer("work_order_type_id").notNull(),
    day: day("day").notNull(),
    completed: counter("completed"),
    durationSum: doublePrecision("duration_sum").notNull().default(0),
    slaEligible: counter("sla_eligible"),
    slaMet: counter("sla_met"),
    closed: counter("closed"),
    opened: counter("opened"),
    openEnded: counter("open_ended"),
    slaDue: counter("sla_due"),
    slaDueEnded: counter("sla_due_ended"),
    age7: counter("age7"),
    age7Ended: counter("age7_ended"),
    age30: counter("age30"),
    age30Ended: counter("age30_ended"),
    age90: counter("age90"),
    age90Ended: counter("age90_ended"),
  },
  (t) => [
    primaryKey({ columns: [t.departmentId, t.day, t.workOrderTypeId] }),
    index("agg_wo_daily_day_idx").on(t.day),
  ],
);

/** Closed WOs per canonical category and raw outcome (trimmed, as the department wrote it). */
export const aggWoOutcomeDaily = pgTable(
  "agg_wo_outcome_daily",
  {
    departmentId: integer("department_id").notNull(),
    workOrderTypeId: integer("work_order_type_id").notNull(),
    day: day("day").notNull(),
    category: text("category").notNull(),
    rawOutcome: text("raw_outcome").notNull(),
    mapped: boolean("mapped").notNull(),
    n: counter("n"),
  },
  (t) => [
    primaryKey({ columns: [t.departmentId, t.day, t.workOrderTypeId, t.category, t.rawOutcome, t.mapped] }),
    index("agg_wo_outcome_daily_day_idx").on(t.day),
  ],
);

/** agg_wo_outcome_daily summed per closing month (day = first of month), for whole-month reads. */
export const aggWoOutcomeMonthly = pgTable(
  "agg_wo_outcome_monthly",
  {
    departmentId: integer("department_id").notNull(),
    workOrderTypeId: integer("work_order_type_id").notNull(),
    day: day("day").notNull(),
    category: text("category").notNull(),
    rawOutcome: text("raw_outcome").notNull(),
    mapped: boolean("mapped").notNull(),
    n: counter("n"),
  },
  (t) => [
    primaryKey({ columns: [t.departmentId, t.day, t.workOrderTypeId, t.category, t.rawOutcome, t.mapped] }),
    index("agg_wo_outcome_monthly_day_idx").on(t.day),
  ],
);

/**
 * Completed-WO durations, quantised to 0.01 day, per completion day (`grain` 'd') and
 * per completion month (`grain` 'm', day = first of month): a period is answered from
 * the months it covers whole plus the days at its ragged ends.
 */
export const aggWoDurationHist = pgTable(
  "agg_wo_duration_hist",
  {
    grain: text("grain").notNull().$type<"d" | "m">(),
    departmentId: integer("department_id").notNull(),
    workOrderTypeId: integer("work_order_type_id").notNull(),
    day: day("day").notNull(),
    centi: integer("centi").notNull(),
    n: counter("n"),
  },
  (t) => [
    primaryKey({ columns: [t.grain, t.departmentId, t.day, t.workOrderTypeId, t.centi] }),
    index("agg_wo_duration_hist_day_idx").on(t.grain, t.day),
  ],
);

/** Per owner department, request type and local day. */
export const aggSrDaily = pgTable(
  "agg_sr_daily",
  {
    departmentId: integer("department_id").notNull(),
    requestTypeId: integer("request_type_id").notNull(),
    day: day("day").notNull(),
    created: counter("created"),
    flaggedDuplicates: counter("flagged_duplicates"),
    suspectedDuplicates: counter("suspected_duplicates"),
    closed: counter("closed"),
    closeDaysSum: doublePrecision("close_days_sum").notNull().default(0),
    /** closed SRs with a chained SLA, and of those the ones closed within it */
    chainEligible: counter("chain_eligible"),
    chainMet: counter("chain_met"),
  },
  (t) => [
    primaryKey({ columns: [t.departmentId, t.day, t.requestTypeId] }),
    index("agg_sr_daily_day_idx").on(t.day),
  ],
);

/** A request-level histogram: like aggWoDurationHist, per owner department and request type. */
function requestHistogram(name: string) {
  return pgTable(
    name,
    {
      grain: text("grain").notNull().$type<"d" | "m">(),
      departmentId: integer("department_id").notNull(),
      requestTypeId: integer("request_type_id").notNull(),
      day: day("day").notNull(),
      centi: integer("centi").notNull(),
      n: counter("n"),
    },
    (t) => [
      primaryKey({ columns: [t.grain, t.departmentId, t.day, t.requestTypeId, t.centi] }),
      index(`${name}_day_idx`).on(t.grain, t.day),
    ],
  );
}

/** Created → closed times of SRs, by closing day / month. */
export const aggSrCloseHist = requestHistogram("agg_sr_close_hist");

/** Chained SLAs (agg_sr_facts.chain_sla_days) of closed SRs, by closing day / month, for their median. */
export const aggSrChainSlaHist = requestHistogram("agg_sr_chain_sla_hist");

/**
 * How many WOs of each (request type, sequence) are of each WO type: the usual chain of a
 * request type is the most frequent WO type per sequence number, so a department page can
 * set the SLA residents see (the first WO's) against the sum of the chain's SLAs.
 */
export const aggRequestTypeChain = pgTable(
  "agg_request_type_chain",
  {
    requestTypeId: integer("request_type_id").notNull(),
    sequence: integer("sequence").notNull(),
    workOrderTypeId: integer("work_order_type_id").notNull(),
    n: counter("n"),
  },
  (t) => [primaryKey({ columns: [t.requestTypeId, t.sequence, t.workOrderTypeId] })],
);

/**
 * How many WOs of a type declare each own SLA (days, kind; kind '' when not given): the
 * SLA shown for a type without an sla_targets row is the one most of its WOs carry.
 */
export const aggWoTypeDeclaredSla = pgTable(
  "agg_wo_type_declared_sla",
  {
    workOrderTypeId: integer("work_order_type_id").notNull(),
    slaDays: numeric("sla_days", { mode: "number" }).notNull(),
    slaKind: text("sla_kind").notNull(),
    n: counter("n"),
  },
  (t) => [primaryKey({ columns: [t.workOrderTypeId, t.slaDays, t.slaKind] })],
);

/** One row: bumped by every refresh, so caches of scorecard results know when to drop. */
export const aggState = pgTable("agg_state", {
  id: integer("id").primaryKey().default(1),
  version: bigint("version", { mode: "number" }).notNull().default(0),
  refreshedAt: timestamp("refreshed_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/**
 * The standard periods (complete calendar months, quarters, years and trailing twelve months
 * ending at a month start) whose exact percentiles agg_period_percentiles holds.
 */
export const aggStandardPeriods = pgTable(
  "agg_standard_periods",
  {
    periodFrom: day("period_from").notNull(),
    periodTo: day("period_to").notNull(),
  },
  (t) => [primaryKey({ columns: [t.periodFrom, t.periodTo] })],
);

/**
 * Exact percentile_cont medians and p90 of a standard period, per department (-1: all) and
 * WO type / request type (-1: all): `wo` WO durations, `sr_close` SR close times, `sr_chain`
 * SR chained SLAs.
 */
export const aggPeriodPercentiles = pgTable(
  "agg_period_percentiles",
  {
    measure: text("measure").notNull().$type<"wo" | "sr_close" | "sr_chain">(),
    periodFrom: day("period_from").notNull(),
    periodTo: day("period_to").notNull(),
    departmentId: integer("department_id").notNull(),
    typeId: integer("type_id").notNull(),
    n: integer("n").notNull(),
    median: doublePrecision("median"),
    p90: doublePrecision("p90"),
  },
  (t) => [primaryKey({ columns: [t.measure, t.periodFrom, t.periodTo, t.departmentId, t.typeId] })],
);

/**
 * Keys an import (or the duplicate detector) changed since the aggregates last caught up with
 * them. Written in the same transaction as the change, so a refresh that fails or never runs
 * leaves them for the next one; an incremental refresh redoes exactly these rows and deletes
 * what it consumed. Repeats are allowed (a key changed twice is redone once).
 */
export const aggPendingWo = pgTable("agg_pending_wo", { woNumber: text("wo_number").notNull() });
export const aggPendingSr = pgTable("agg_pending_sr", { srNumber: text("sr_number").notNull() });

/**
 * Exact percentile_cont median of WO durations per department and trend bucket (`w`: the
 * ISO week starting on its Monday, `m`: the calendar month), for every bucket with a closing
 * day — the current, incomplete one included. A trend reads one row per point instead of a
 * year of 0.01-day histogram rows (ADR 007); a refresh recomputes the buckets holding a
 * changed closing day.
 */
export const aggTrendPercentiles = pgTable(
  "agg_trend_percentiles",
  {
    grain: text("grain").notNull().$type<"w" | "m">(),
    departmentId: integer("department_id").notNull(),
    bucket: day("bucket").notNull(),
    n: integer("n").notNull(),
    median: doublePrecision("median").notNull(),
  },
  (t) => [primaryKey({ columns: [t.grain, t.departmentId, t.bucket] })],
);
