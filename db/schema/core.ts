import { sql } from "drizzle-orm";
import {

  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

// One source for the categories: a pure module the browser can import without drizzle.
import { OUTCOME_CATEGORIES, type OutcomeCategory } from "../../app/metrics/outcomes";
export { OUTCOME_CATEGORIES, type OutcomeCategory };

export const SLA_KINDS = ["estimated", "median"] as const;
export type SlaKind = (typeof SLA_KINDS)[number];
export const SLA_LEVELS = ["work_order", "request"] as const;
export type SlaLevel = (typeof SLA_LEVELS)[number];

export const departments = pgTable("departments", {
  id: serial("id").primaryKey(),
  name: text("name").notNull().unique(),
  createdAt: tstz("created_at").notNull().defaultNow(),
});

export const requestTypes = pgTable(
  "request_types",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull().unique(),
    shortCode: text("short_code"),
    departmentId: integer("department_id").references(() => departments.id),
  },
  (t) => [index("request_types_department_idx").on(t.departmentId)],
);

export const workOrderTypes = pgTable(
  "work_order_types",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull().unique(),
    departmentId: integer("department_id").references(() => departments.id),
  },
  (t) => [index("work_order_types_department_idx").on(t.departmentId)],
);

export const importRuns = pgTable("import_runs", {
  id: serial("id").primaryKey(),
  kind: text("kind").notNull(),
  fileName: text("file_name").notNull(),
  sha256: text("sha256").notNull(),
  /** the city time zone local timestamps were read in (an identical file read in another zone is different data) */
  timeZone: text("time_zone"),
  /** who started the run: a signed-in user's email, or the command line / seed */
  startedBy: text("started_by"),
  status: text("status").notNull(),
  rowsRead: integer("rows_read").notNull().default(0),
  inserted: integer("inserted").notNull().default(0),
  updated: integer("updated").notNull().default(0),
  unchanged: integer("unchanged").notNull().default(0),
  rejected: integer("rejected").notNull().default(0),
  error: text("error"),
  startedAt: tstz("started_at").notNull().defaultNow(),
  finishedAt: tstz("finished_at"),
  durationMs: integer("duration_ms"),
});

export const importRejects = pgTable(
  "import_rejects",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    runId: integer("run_id")
      .notNull()
      .references(() => importRuns.id, { onDelete: "cascade" }),
    line: integer("line").notNull(),
    reason: text("reason").notNull(),
    raw: text("raw"),
  },
  (t) => [index("import_rejects_run_line_idx").on(t.runId, t.line)],
);

export const serviceRequests = pgTable(
  "service_requests",
  {
    srNumber: text("sr_number").primaryKey(),
    requestTypeId: integer("request_type_id")
      .notNull()
      .references(() => requestTypes.id),
    departmentId: integer("department_id").references(() => departments.id),
    status: text("status").notNull(),
    origin: text("origin"),
    createdAt: tstz("created_at").notNull(),
    lastModifiedAt: tstz("last_modified_at"),
    closedAt: tstz("closed_at"),
    streetAddress: text("street_address"),
    zipCode: text("zip_code"),
    communityArea: smallint("community_area"),
    ward: smallint("ward"),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    duplicate: boolean("duplicate").notNull().default(false),
    parentSrNumber: text("parent_sr_number"),
    importRunId: integer("import_run_id").references(() => importRuns.id, { onDelete: "set null" }),
  },
  (t) => [
    index("service_requests_created_idx").on(t.createdAt),
    index("service_requests_closed_idx").on(t.closedAt),
    index("service_requests_dept_created_idx").on(t.departmentId, t.createdAt),
    index("service_requests_type_created_idx").on(t.requestTypeId, t.createdAt),
  ],
);

export const workOrders = pgTable(
  "work_orders",
  {
    woNumber: text("wo_number").primaryKey(),
    srNumber: text("sr_number")
      .notNull()
      .references(() => serviceRequests.srNumber, { onDelete: "cascade" }),
    workOrderTypeId: integer("work_order_type_id")
      .notNull()
      .references(() => workOrderTypes.id),
    departmentId: integer("department_id")
      .notNull()
      .references(() => departments.id),
    sequence: smallint("sequence").notNull().default(1),
    status: text("status").notNull(),
    createdAt: tstz("created_at").notNull(),
    completedAt: tstz("completed_at"),
    outcome: text("outcome"),
    slaDays: numeric("sla_days", { mode: "number" }),
    slaKind: text("sla_kind"),
    importRunId: integer("import_run_id").references(() => importRuns.id, { onDelete: "set null" }),
  },
  (t) => [
    index("work_orders_sr_idx").on(t.srNumber, t.sequence),
    // An incremental refresh finds the work orders a delta import touched by these two.
    index("work_orders_created_idx").on(t.createdAt),
    index("work_orders_completed_idx").on(t.completedAt),
    index("work_orders_dept_completed_idx").on(t.departmentId, t.completedAt),
    index("work_orders_type_created_idx").on(t.workOrderTypeId, t.createdAt),
    index("work_orders_open_idx")
      .on(t.departmentId, t.createdAt)
      .where(sql`status = 'Open'`),
  ],
);

export const slaTargets = pgTable(
  "sla_targets",
  {
    id: serial("id").primaryKey(),
    level: text("level").notNull().$type<SlaLevel>(),
    workOrderTypeId: integer("work_order_type_id").references(() => workOrderTypes.id),
    requestTypeId: integer("request_type_id").references(() => requestTypes.id),
    kind: text("kind").notNull().$type<SlaKind>(),
    days: numeric("days", { mode: "number" }).notNull(),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    effectiveTo: date("effective_to", { mode: "string" }),
    note: text("note"),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("sla_targets_wo_type_idx").on(t.workOrderTypeId, t.effectiveFrom),
    index("sla_targets_request_type_idx").on(t.requestTypeId, t.effectiveFrom),
  ],
);

export const outcomeMappings = pgTable(
  "outcome_mappings",
  {
    id: serial("id").primaryKey(),
    departmentId: integer("department_id").references(() => departments.id),
    rawOutcome: text("raw_outcome").notNull(),
    /** lower(trim(raw_outcome)): how work-order outcomes are matched */
    outcomeKey: text("outcome_key").notNull(),
    category: text("category").notNull().$type<OutcomeCategory>(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("outcome_mappings_dept_key_idx").on(sql`coalesce(${t.departmentId}, 0)`, t.outcomeKey),
  ],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: tstz("at").notNull().defaultNow(),
    actorUserId: text("actor_user_id"),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_entity_idx").on(t.entityType, t.entityId)],
);

