CREATE TYPE "public"."marketing_ab_metric" AS ENUM('open_rate', 'click_rate', 'orders_per_message');--> statement-breakpoint
ALTER TABLE "marketing_campaigns" ADD COLUMN "variant_subject" text;--> statement-breakpoint
ALTER TABLE "marketing_campaigns" ADD COLUMN "variant_body" text;--> statement-breakpoint
ALTER TABLE "marketing_campaigns" ADD COLUMN "ab_share_percent" smallint;--> statement-breakpoint
ALTER TABLE "marketing_campaigns" ADD COLUMN "ab_metric" "marketing_ab_metric";--> statement-breakpoint
ALTER TABLE "marketing_campaigns" ADD COLUMN "ab_test_hours" smallint;--> statement-breakpoint
ALTER TABLE "marketing_campaigns" ADD COLUMN "ab_test_ends_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "marketing_campaigns" ADD COLUMN "ab_winner" text;--> statement-breakpoint
ALTER TABLE "marketing_campaigns" ADD COLUMN "ab_decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "marketing_campaigns" ADD COLUMN "ab_decision" jsonb;--> statement-breakpoint
ALTER TABLE "marketing_messages" ADD COLUMN "variant" text;--> statement-breakpoint
ALTER TABLE "marketing_campaigns" ADD CONSTRAINT "marketing_campaigns_ab" CHECK (num_nonnulls("marketing_campaigns"."variant_subject", "marketing_campaigns"."variant_body", "marketing_campaigns"."ab_share_percent", "marketing_campaigns"."ab_metric", "marketing_campaigns"."ab_test_hours") in (0, 5)
        and "marketing_campaigns"."ab_share_percent" between 2 and 100 and "marketing_campaigns"."ab_test_hours" between 1 and 168
        and "marketing_campaigns"."ab_winner" in ('a', 'b'));--> statement-breakpoint
ALTER TABLE "marketing_messages" ADD CONSTRAINT "marketing_messages_variant" CHECK ("marketing_messages"."variant" in ('a', 'b'));