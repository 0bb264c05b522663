CREATE TABLE "suspected_duplicates" (
	"sr_number" text PRIMARY KEY NOT NULL,
	"duplicate_of" text NOT NULL,
	"request_type_id" integer NOT NULL,
	"distance_m" double precision,
	"gap_hours" double precision NOT NULL,
	"matched_by" text NOT NULL,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"params_version" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "suspected_duplicates" ADD CONSTRAINT "suspected_duplicates_sr_number_service_requests_sr_number_fk" FOREIGN KEY ("sr_number") REFERENCES "public"."service_requests"("sr_number") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suspected_duplicates" ADD CONSTRAINT "suspected_duplicates_duplicate_of_service_requests_sr_number_fk" FOREIGN KEY ("duplicate_of") REFERENCES "public"."service_requests"("sr_number") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suspected_duplicates" ADD CONSTRAINT "suspected_duplicates_request_type_id_request_types_id_fk" FOREIGN KEY ("request_type_id") REFERENCES "public"."request_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "suspected_duplicates_duplicate_of_idx" ON "suspected_duplicates" USING btree ("duplicate_of");