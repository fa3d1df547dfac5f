CREATE TYPE "public"."price_suggestion_reason" AS ENUM('near_expiry', 'slow_mover');--> statement-breakpoint
CREATE TYPE "public"."price_suggestion_status" AS ENUM('open', 'approved', 'dismissed', 'superseded');--> statement-breakpoint
CREATE TABLE "price_suggestions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"lot_id" uuid,
	"reason" "price_suggestion_reason" NOT NULL,
	"explanation" text NOT NULL,
	"current_price_cents" integer NOT NULL,
	"suggested_price_cents" integer NOT NULL,
	"unit_cost_cents" integer NOT NULL,
	"floor_price_cents" integer NOT NULL,
	"status" "price_suggestion_status" DEFAULT 'open' NOT NULL,
	"decided_by_user_id" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_suggestions_prices" CHECK ("price_suggestions"."suggested_price_cents" > 0 and "price_suggestions"."suggested_price_cents" < "price_suggestions"."current_price_cents" and "price_suggestions"."suggested_price_cents" >= "price_suggestions"."floor_price_cents" and "price_suggestions"."unit_cost_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "pricing_policies" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"margin_floor_bp" integer DEFAULT 3000 NOT NULL,
	"expiry_window_days" integer DEFAULT 30 NOT NULL,
	"slow_mover_cover_days" integer DEFAULT 90 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pricing_policies_range" CHECK ("pricing_policies"."margin_floor_bp" between 0 and 9500 and "pricing_policies"."expiry_window_days" between 1 and 180 and "pricing_policies"."slow_mover_cover_days" between 14 and 730)
);
--> statement-breakpoint
CREATE TABLE "sales_monthly_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"month" date NOT NULL,
	"variant_id" uuid NOT NULL,
	"lines" integer DEFAULT 0 NOT NULL,
	"units" integer DEFAULT 0 NOT NULL,
	"subtotal_cents" integer DEFAULT 0 NOT NULL,
	"total_cents" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "sales_monthly_items_grain" UNIQUE("organization_id","month","variant_id")
);
--> statement-breakpoint
ALTER TABLE "inventory_lots" ADD COLUMN "unit_cost_cents" integer;--> statement-breakpoint
ALTER TABLE "price_suggestions" ADD CONSTRAINT "price_suggestions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_suggestions" ADD CONSTRAINT "price_suggestions_variant_id_product_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."product_variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_suggestions" ADD CONSTRAINT "price_suggestions_lot_id_inventory_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."inventory_lots"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_suggestions" ADD CONSTRAINT "price_suggestions_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pricing_policies" ADD CONSTRAINT "pricing_policies_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_monthly_items" ADD CONSTRAINT "sales_monthly_items_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_monthly_items" ADD CONSTRAINT "sales_monthly_items_variant_id_product_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."product_variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "price_suggestions_organization_id_status_created_at_index" ON "price_suggestions" USING btree ("organization_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "price_suggestions_one_open" ON "price_suggestions" USING btree ("organization_id","variant_id") WHERE "price_suggestions"."status" = 'open';--> statement-breakpoint
ALTER TABLE "inventory_lots" ADD CONSTRAINT "inventory_lots_unit_cost_range" CHECK (coalesce("inventory_lots"."unit_cost_cents", 0) >= 0);--> statement-breakpoint
-- Lots already received on a purchase order take their cost from the receipt (the highest when a lot was topped up
-- at different costs, so a markdown is checked against the dearer units).
UPDATE "inventory_lots" l SET "unit_cost_cents" = r.cost
FROM (SELECT "lot_id", max("unit_cost_cents") AS cost FROM "purchase_order_receipts" WHERE "lot_id" IS NOT NULL GROUP BY "lot_id") r
WHERE r."lot_id" = l."id" AND l."unit_cost_cents" IS NULL;
--> statement-breakpoint
-- The monthly item rollup starts from the daily one, for every organization's history so far.
INSERT INTO "sales_monthly_items" ("organization_id", "month", "variant_id", "lines", "units", "subtotal_cents", "total_cents")
SELECT "organization_id", date_trunc('month', "day")::date, "variant_id", sum("lines"), sum("units"), sum("subtotal_cents"), sum("total_cents")
FROM "sales_daily_items" GROUP BY 1, 2, 3;
