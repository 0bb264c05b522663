CREATE TABLE "agg_sr_chain_sla_hist" (
	"grain" text NOT NULL,
	"department_id" integer NOT NULL,
	"request_type_id" integer NOT NULL,
	"day" date NOT NULL,
	"centi" integer NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "agg_sr_chain_sla_hist_grain_department_id_request_type_id_day_centi_pk" PRIMARY KEY("grain","department_id","request_type_id","day","centi")
);
--> statement-breakpoint
ALTER TABLE "agg_sr_daily" ADD COLUMN "chain_eligible" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "agg_sr_daily" ADD COLUMN "chain_met" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "agg_sr_facts" ADD COLUMN "chain_sla_days" double precision;--> statement-breakpoint
ALTER TABLE "agg_wo_facts" ADD COLUMN "sr_number" text NOT NULL;--> statement-breakpoint
CREATE INDEX "agg_sr_chain_sla_hist_day_idx" ON "agg_sr_chain_sla_hist" USING btree ("grain","day");--> statement-breakpoint
CREATE INDEX "agg_wo_facts_sr_idx" ON "agg_wo_facts" USING btree ("sr_number");