CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" text,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "departments_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "import_rejects" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" integer NOT NULL,
	"line" integer NOT NULL,
	"reason" text NOT NULL,
	"raw" text
);
--> statement-breakpoint
CREATE TABLE "import_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"status" text NOT NULL,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"inserted" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"duration_ms" integer
);
--> statement-breakpoint
CREATE TABLE "outcome_mappings" (
	"id" serial PRIMARY KEY NOT NULL,
	"department_id" integer,
	"raw_outcome" text NOT NULL,
	"outcome_key" text NOT NULL,
	"category" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_types" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"short_code" text,
	"department_id" integer,
	CONSTRAINT "request_types_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "service_requests" (
	"sr_number" text PRIMARY KEY NOT NULL,
	"request_type_id" integer NOT NULL,
	"department_id" integer,
	"status" text NOT NULL,
	"origin" text,
	"created_at" timestamp with time zone NOT NULL,
	"last_modified_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"street_address" text,
	"zip_code" text,
	"community_area" smallint,
	"ward" smallint,
	"latitude" double precision,
	"longitude" double precision,
	"duplicate" boolean DEFAULT false NOT NULL,
	"parent_sr_number" text,
	"import_run_id" integer
);
--> statement-breakpoint
CREATE TABLE "sla_targets" (
	"id" serial PRIMARY KEY NOT NULL,
	"level" text NOT NULL,
	"work_order_type_id" integer,
	"request_type_id" integer,
	"kind" text NOT NULL,
	"days" numeric NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_order_types" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"department_id" integer,
	CONSTRAINT "work_order_types_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "work_orders" (
	"wo_number" text PRIMARY KEY NOT NULL,
	"sr_number" text NOT NULL,
	"work_order_type_id" integer NOT NULL,
	"department_id" integer NOT NULL,
	"sequence" smallint DEFAULT 1 NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"outcome" text,
	"sla_days" numeric,
	"sla_kind" text,
	"import_run_id" integer
);
--> statement-breakpoint
ALTER TABLE "import_rejects" ADD CONSTRAINT "import_rejects_run_id_import_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."import_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_mappings" ADD CONSTRAINT "outcome_mappings_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_types" ADD CONSTRAINT "request_types_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_request_type_id_request_types_id_fk" FOREIGN KEY ("request_type_id") REFERENCES "public"."request_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_import_run_id_import_runs_id_fk" FOREIGN KEY ("import_run_id") REFERENCES "public"."import_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_targets" ADD CONSTRAINT "sla_targets_work_order_type_id_work_order_types_id_fk" FOREIGN KEY ("work_order_type_id") REFERENCES "public"."work_order_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_targets" ADD CONSTRAINT "sla_targets_request_type_id_request_types_id_fk" FOREIGN KEY ("request_type_id") REFERENCES "public"."request_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_types" ADD CONSTRAINT "work_order_types_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_sr_number_service_requests_sr_number_fk" FOREIGN KEY ("sr_number") REFERENCES "public"."service_requests"("sr_number") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_work_order_type_id_work_order_types_id_fk" FOREIGN KEY ("work_order_type_id") REFERENCES "public"."work_order_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_import_run_id_import_runs_id_fk" FOREIGN KEY ("import_run_id") REFERENCES "public"."import_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "import_rejects_run_line_idx" ON "import_rejects" USING btree ("run_id","line");--> statement-breakpoint
CREATE UNIQUE INDEX "outcome_mappings_dept_key_idx" ON "outcome_mappings" USING btree (coalesce("department_id", 0),"outcome_key");--> statement-breakpoint
CREATE INDEX "request_types_department_idx" ON "request_types" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "service_requests_created_idx" ON "service_requests" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "service_requests_closed_idx" ON "service_requests" USING btree ("closed_at");--> statement-breakpoint
CREATE INDEX "service_requests_dept_created_idx" ON "service_requests" USING btree ("department_id","created_at");--> statement-breakpoint
CREATE INDEX "service_requests_type_created_idx" ON "service_requests" USING btree ("request_type_id","created_at");--> statement-breakpoint
CREATE INDEX "sla_targets_wo_type_idx" ON "sla_targets" USING btree ("work_order_type_id","effective_from");--> statement-breakpoint
CREATE INDEX "sla_targets_request_type_idx" ON "sla_targets" USING btree ("request_type_id","effective_from");--> statement-breakpoint
CREATE INDEX "work_order_types_department_idx" ON "work_order_types" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "work_orders_sr_idx" ON "work_orders" USING btree ("sr_number","sequence");--> statement-breakpoint
CREATE INDEX "work_orders_dept_completed_idx" ON "work_orders" USING btree ("department_id","completed_at");--> statement-breakpoint
CREATE INDEX "work_orders_type_created_idx" ON "work_orders" USING btree ("work_order_type_id","created_at");--> statement-breakpoint
CREATE INDEX "work_orders_open_idx" ON "work_orders" USING btree ("department_id","created_at") WHERE status = 'Open';