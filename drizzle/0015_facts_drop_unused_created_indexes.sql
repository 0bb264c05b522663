DROP INDEX "agg_sr_facts_created_idx";--> statement-breakpoint
DROP INDEX "agg_wo_facts_created_idx";