ALTER TABLE "agg_sr_chain_sla_hist" DROP CONSTRAINT "agg_sr_chain_sla_hist_grain_department_id_request_type_id_day_centi_pk";--> statement-breakpoint
ALTER TABLE "agg_sr_close_hist" DROP CONSTRAINT "agg_sr_close_hist_grain_department_id_request_type_id_day_centi_pk";--> statement-breakpoint
ALTER TABLE "agg_sr_daily" DROP CONSTRAINT "agg_sr_daily_department_id_request_type_id_day_pk";--> statement-breakpoint
ALTER TABLE "agg_wo_daily" DROP CONSTRAINT "agg_wo_daily_department_id_work_order_type_id_day_pk";--> statement-breakpoint
ALTER TABLE "agg_wo_duration_hist" DROP CONSTRAINT "agg_wo_duration_hist_grain_department_id_work_order_type_id_day_centi_pk";--> statement-breakpoint
ALTER TABLE "agg_wo_outcome_daily" DROP CONSTRAINT "agg_wo_outcome_daily_department_id_work_order_type_id_day_category_raw_outcome_mapped_pk";--> statement-breakpoint
ALTER TABLE "agg_wo_outcome_monthly" DROP CONSTRAINT "agg_wo_outcome_monthly_department_id_work_order_type_id_day_category_raw_outcome_mapped_pk";--> statement-breakpoint
ALTER TABLE "agg_sr_chain_sla_hist" ADD CONSTRAINT "agg_sr_chain_sla_hist_grain_department_id_day_request_type_id_centi_pk" PRIMARY KEY("grain","department_id","day","request_type_id","centi");--> statement-breakpoint
ALTER TABLE "agg_sr_close_hist" ADD CONSTRAINT "agg_sr_close_hist_grain_department_id_day_request_type_id_centi_pk" PRIMARY KEY("grain","department_id","day","request_type_id","centi");--> statement-breakpoint
ALTER TABLE "agg_sr_daily" ADD CONSTRAINT "agg_sr_daily_department_id_day_request_type_id_pk" PRIMARY KEY("department_id","day","request_type_id");--> statement-breakpoint
ALTER TABLE "agg_wo_daily" ADD CONSTRAINT "agg_wo_daily_department_id_day_work_order_type_id_pk" PRIMARY KEY("department_id","day","work_order_type_id");--> statement-breakpoint
ALTER TABLE "agg_wo_duration_hist" ADD CONSTRAINT "agg_wo_duration_hist_grain_department_id_day_work_order_type_id_centi_pk" PRIMARY KEY("grain","department_id","day","work_order_type_id","centi");--> statement-breakpoint
ALTER TABLE "agg_wo_outcome_daily" ADD CONSTRAINT "agg_wo_outcome_daily_department_id_day_work_order_type_id_category_raw_outcome_mapped_pk" PRIMARY KEY("department_id","day","work_order_type_id","category","raw_outcome","mapped");--> statement-breakpoint
ALTER TABLE "agg_wo_outcome_monthly" ADD CONSTRAINT "agg_wo_outcome_monthly_department_id_day_work_order_type_id_category_raw_outcome_mapped_pk" PRIMARY KEY("department_id","day","work_order_type_id","category","raw_outcome","mapped");