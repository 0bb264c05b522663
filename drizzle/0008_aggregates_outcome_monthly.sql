CREATE TABLE "agg_wo_outcome_monthly" (
	"department_id" integer NOT NULL,
	"work_order_type_id" integer NOT NULL,
	"day" date NOT NULL,
	"category" text NOT NULL,
	"raw_outcome" text NOT NULL,
	"mapped" boolean NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "agg_wo_outcome_monthly_department_id_work_order_type_id_day_category_raw_outcome_mapped_pk" PRIMARY KEY("department_id","work_order_type_id","day","category","raw_outcome","mapped")
);
--> statement-breakpoint
CREATE INDEX "agg_wo_outcome_monthly_day_idx" ON "agg_wo_outcome_monthly" USING btree ("day");