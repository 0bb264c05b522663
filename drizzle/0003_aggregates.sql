CREATE TABLE "agg_request_type_chain" (
	"request_type_id" integer NOT NULL,
	"sequence" integer NOT NULL,
	"work_order_type_id" integer NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "agg_request_type_chain_request_type_id_sequence_work_order_type_id_pk" PRIMARY KEY("request_type_id","sequence","work_order_type_id")
);
--> statement-breakpoint
CREATE TABLE "agg_sr_close_hist" (
	"grain" text NOT NULL,
	"department_id" integer NOT NULL,
	"request_type_id" integer NOT NULL,
	"day" date NOT NULL,
	"centi" integer NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "agg_sr_close_hist_grain_department_id_request_type_id_day_centi_pk" PRIMARY KEY("grain","department_id","request_type_id","day","centi")
);
--> statement-breakpoint
CREATE TABLE "agg_sr_daily" (
	"department_id" integer NOT NULL,
	"request_type_id" integer NOT NULL,
	"day" date NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"flagged_duplicates" integer DEFAULT 0 NOT NULL,
	"suspected_duplicates" integer DEFAULT 0 NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"close_days_sum" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "agg_sr_daily_department_id_request_type_id_day_pk" PRIMARY KEY("department_id","request_type_id","day")
);
--> statement-breakpoint
CREATE TABLE "agg_sr_facts" (
	"sr_number" text PRIMARY KEY NOT NULL,
	"department_id" integer NOT NULL,
	"request_type_id" integer NOT NULL,
	"created_day" date NOT NULL,
	"close_day" date,
	"close_days" double precision,
	"close_centi" integer,
	"flagged_duplicate" boolean NOT NULL,
	"suspected_duplicate" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agg_state" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agg_wo_daily" (
	"department_id" integer NOT NULL,
	"work_order_type_id" integer NOT NULL,
	"day" date NOT NULL,
	"completed" integer DEFAULT 0 NOT NULL,
	"duration_sum" double precision DEFAULT 0 NOT NULL,
	"sla_eligible" integer DEFAULT 0 NOT NULL,
	"sla_met" integer DEFAULT 0 NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"opened" integer DEFAULT 0 NOT NULL,
	"open_ended" integer DEFAULT 0 NOT NULL,
	"sla_due" integer DEFAULT 0 NOT NULL,
	"sla_due_ended" integer DEFAULT 0 NOT NULL,
	"age7" integer DEFAULT 0 NOT NULL,
	"age7_ended" integer DEFAULT 0 NOT NULL,
	"age30" integer DEFAULT 0 NOT NULL,
	"age30_ended" integer DEFAULT 0 NOT NULL,
	"age90" integer DEFAULT 0 NOT NULL,
	"age90_ended" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "agg_wo_daily_department_id_work_order_type_id_day_pk" PRIMARY KEY("department_id","work_order_type_id","day")
);
--> statement-breakpoint
CREATE TABLE "agg_wo_duration_hist" (
	"grain" text NOT NULL,
	"department_id" integer NOT NULL,
	"work_order_type_id" integer NOT NULL,
	"day" date NOT NULL,
	"centi" integer NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "agg_wo_duration_hist_grain_department_id_work_order_type_id_day_centi_pk" PRIMARY KEY("grain","department_id","work_order_type_id","day","centi")
);
--> statement-breakpoint
CREATE TABLE "agg_wo_facts" (
	"wo_number" text PRIMARY KEY NOT NULL,
	"department_id" integer NOT NULL,
	"work_order_type_id" integer NOT NULL,
	"request_type_id" integer NOT NULL,
	"sequence" integer NOT NULL,
	"own_sla_days" numeric,
	"own_sla_kind" text NOT NULL,
	"created_day" date NOT NULL,
	"close_day" date,
	"completed" boolean NOT NULL,
	"duration_days" double precision,
	"duration_centi" integer,
	"sla_days" numeric,
	"sla_met" boolean,
	"category" text,
	"raw_outcome" text,
	"mapped" boolean,
	"sla_due_day" date,
	"age7_day" date NOT NULL,
	"age30_day" date NOT NULL,
	"age90_day" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agg_wo_outcome_daily" (
	"department_id" integer NOT NULL,
	"work_order_type_id" integer NOT NULL,
	"day" date NOT NULL,
	"category" text NOT NULL,
	"raw_outcome" text NOT NULL,
	"mapped" boolean NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "agg_wo_outcome_daily_department_id_work_order_type_id_day_category_raw_outcome_mapped_pk" PRIMARY KEY("department_id","work_order_type_id","day","category","raw_outcome","mapped")
);
--> statement-breakpoint
CREATE TABLE "agg_wo_type_declared_sla" (
	"work_order_type_id" integer NOT NULL,
	"sla_days" numeric NOT NULL,
	"sla_kind" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "agg_wo_type_declared_sla_work_order_type_id_sla_days_sla_kind_pk" PRIMARY KEY("work_order_type_id","sla_days","sla_kind")
);
--> statement-breakpoint
CREATE INDEX "agg_sr_close_hist_day_idx" ON "agg_sr_close_hist" USING btree ("grain","day");--> statement-breakpoint
CREATE INDEX "agg_sr_daily_day_idx" ON "agg_sr_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "agg_sr_facts_created_idx" ON "agg_sr_facts" USING btree ("created_day");--> statement-breakpoint
CREATE INDEX "agg_sr_facts_close_idx" ON "agg_sr_facts" USING btree ("close_day");--> statement-breakpoint
CREATE INDEX "agg_wo_daily_day_idx" ON "agg_wo_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "agg_wo_duration_hist_day_idx" ON "agg_wo_duration_hist" USING btree ("grain","day");--> statement-breakpoint
CREATE INDEX "agg_wo_facts_created_idx" ON "agg_wo_facts" USING btree ("created_day");--> statement-breakpoint
CREATE INDEX "agg_wo_facts_close_idx" ON "agg_wo_facts" USING btree ("close_day");--> statement-breakpoint
CREATE INDEX "agg_wo_outcome_daily_day_idx" ON "agg_wo_outcome_daily" USING btree ("day");