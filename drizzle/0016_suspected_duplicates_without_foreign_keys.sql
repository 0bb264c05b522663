ALTER TABLE "suspected_duplicates" DROP CONSTRAINT "suspected_duplicates_sr_number_service_requests_sr_number_fk";
--> statement-breakpoint
ALTER TABLE "suspected_duplicates" DROP CONSTRAINT "suspected_duplicates_duplicate_of_service_requests_sr_number_fk";
--> statement-breakpoint
ALTER TABLE "suspected_duplicates" DROP CONSTRAINT "suspected_duplicates_request_type_id_request_types_id_fk";
