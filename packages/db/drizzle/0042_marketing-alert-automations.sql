CREATE TYPE "public"."product_alert_kind" AS ENUM('restocked', 'price_dropped');--> statement-breakpoint
ALTER TYPE "public"."marketing_automation_kind" ADD VALUE 'back_in_stock';--> statement-breakpoint
ALTER TYPE "public"."marketing_automation_kind" ADD VALUE 'price_drop';--> statement-breakpoint
ALTER TYPE "public"."marketing_automation_kind" ADD VALUE 'tier_up';--> statement-breakpoint
CREATE TABLE "loyalty_tier_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"from_tier_id" uuid,
	"to_tier_id" uuid,
	"direction" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	CONSTRAINT "loyalty_tier_changes_direction" CHECK ("loyalty_tier_changes"."direction" in ('up', 'down'))
);
--> statement-breakpoint
CREATE TABLE "product_alert_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"kind" "product_alert_kind" NOT NULL,
	"old_price_cents" integer,
	"new_price_cents" integer,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "product_alert_events_prices" CHECK (("product_alert_events"."kind" = 'price_dropped') = ("product_alert_events"."old_price_cents" is not null and "product_alert_events"."new_price_cents" is not null))
);
--> statement-breakpoint
ALTER TABLE "loyalty_tier_changes" ADD CONSTRAINT "loyalty_tier_changes_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loyalty_tier_changes" ADD CONSTRAINT "loyalty_tier_changes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loyalty_tier_changes" ADD CONSTRAINT "loyalty_tier_changes_from_tier_id_loyalty_tiers_id_fk" FOREIGN KEY ("from_tier_id") REFERENCES "public"."loyalty_tiers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loyalty_tier_changes" ADD CONSTRAINT "loyalty_tier_changes_to_tier_id_loyalty_tiers_id_fk" FOREIGN KEY ("to_tier_id") REFERENCES "public"."loyalty_tiers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_alert_events" ADD CONSTRAINT "product_alert_events_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_alert_events" ADD CONSTRAINT "product_alert_events_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "loyalty_tier_changes_organization_id_occurred_at_index" ON "loyalty_tier_changes" USING btree ("organization_id","occurred_at");--> statement-breakpoint
CREATE INDEX "product_alert_events_organization_id_occurred_at_index" ON "product_alert_events" USING btree ("organization_id","occurred_at");