CREATE TABLE "suspected_duplicates_pending" (
	"id" serial PRIMARY KEY NOT NULL,
	"from_day" date NOT NULL,
	"to_day" date
);
