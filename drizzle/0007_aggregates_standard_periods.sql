CREATE TABLE "agg_period_percentiles" (
	"measure" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"department_id" integer NOT NULL,
	"type_id" integer NOT NULL,
	"n" integer NOT NULL,
	"median" double precision,
	"p90" double precision,
	CONSTRAINT "agg_period_percentiles_measure_period_from_period_to_department_id_type_id_pk" PRIMARY KEY("measure","period_from","period_to","department_id","type_id")
);
--> statement-breakpoint
CREATE TABLE "agg_standard_periods" (
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	CONSTRAINT "agg_standard_periods_period_from_period_to_pk" PRIMARY KEY("period_from","period_to")
);
