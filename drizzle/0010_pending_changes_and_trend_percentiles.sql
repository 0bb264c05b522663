CREATE TABLE "agg_pending_sr" (
	"sr_number" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agg_pending_wo" (
	"wo_number" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agg_trend_percentiles" (
	"grain" text NOT NULL,
	"department_id" integer NOT NULL,
	"bucket" date NOT NULL,
	"n" integer NOT NULL,
	"median" double precision NOT NULL,
	CONSTRAINT "agg_trend_percentiles_grain_department_id_bucket_pk" PRIMARY KEY("grain","department_id","bucket")
);
--> statement-breakpoint
-- Aggregates refreshed before this table existed get their trend medians here, from the
-- facts they already hold, so an upgraded database needs no full refresh to show trends.
INSERT INTO "agg_trend_percentiles" ("grain", "department_id", "bucket", "n", "median")
SELECT g.grain, f.department_id, g.bucket, count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY f.duration_days)
  FROM "agg_wo_facts" f
 CROSS JOIN LATERAL (VALUES ('w', date_trunc('week', f.close_day)::date), ('m', date_trunc('month', f.close_day)::date)) AS g(grain, bucket)
 WHERE f.completed
 GROUP BY 1, 2, 3;
