CREATE TYPE "public"."analytics_event_type" AS ENUM('page_view', 'product_view', 'add_to_cart', 'checkout_started', 'order_placed');--> statement-breakpoint
CREATE TABLE "analytics_daily" (
	"organization_id" uuid NOT NULL,
	"day" date NOT NULL,
	"type" "analytics_event_type" NOT NULL,
	"events" integer NOT NULL,
	"sessions" integer NOT NULL,
	CONSTRAINT "analytics_daily_grain" UNIQUE("organization_id","day","type")
);
--> statement-breakpoint
CREATE TABLE "analytics_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"type" "analytics_event_type" NOT NULL,
	"path" text,
	"product_id" uuid,
	"occurred_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_monthly_sales" (
	"organization_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"month" date NOT NULL,
	"orders" integer NOT NULL,
	"total_cents" integer NOT NULL,
	CONSTRAINT "customer_monthly_sales_grain" UNIQUE("organization_id","customer_id","month")
);
--> statement-breakpoint
CREATE TABLE "customer_sales" (
	"organization_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"first_month" date,
	"first_order_at" timestamp with time zone,
	"last_order_at" timestamp with time zone,
	"orders" integer DEFAULT 0 NOT NULL,
	"total_cents" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "customer_sales_customer" UNIQUE("organization_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "sales_daily" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"day" date NOT NULL,
	"location_id" uuid NOT NULL,
	"fulfillment" "fulfillment" NOT NULL,
	"completed_by_user_id" text,
	"orders" integer DEFAULT 0 NOT NULL,
	"units" integer DEFAULT 0 NOT NULL,
	"subtotal_cents" integer DEFAULT 0 NOT NULL,
	"discount_cents" integer DEFAULT 0 NOT NULL,
	"delivery_fee_cents" integer DEFAULT 0 NOT NULL,
	"excise_cents" integer DEFAULT 0 NOT NULL,
	"local_cannabis_cents" integer DEFAULT 0 NOT NULL,
	"sales_tax_cents" integer DEFAULT 0 NOT NULL,
	"total_cents" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "sales_daily_grain" UNIQUE NULLS NOT DISTINCT("organization_id","day","location_id","fulfillment","completed_by_user_id")
);
--> statement-breakpoint
CREATE TABLE "sales_daily_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"day" date NOT NULL,
	"location_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"lines" integer DEFAULT 0 NOT NULL,
	"units" integer DEFAULT 0 NOT NULL,
	"subtotal_cents" integer DEFAULT 0 NOT NULL,
	"total_cents" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "sales_daily_items_grain" UNIQUE("organization_id","day","location_id","variant_id")
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "completed_by_user_id" text;--> statement-breakpoint
ALTER TABLE "analytics_daily" ADD CONSTRAINT "analytics_daily_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_events" ADD CONSTRAINT "analytics_events_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_monthly_sales" ADD CONSTRAINT "customer_monthly_sales_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_monthly_sales" ADD CONSTRAINT "customer_monthly_sales_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_sales" ADD CONSTRAINT "customer_sales_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_sales" ADD CONSTRAINT "customer_sales_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_daily" ADD CONSTRAINT "sales_daily_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_daily" ADD CONSTRAINT "sales_daily_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_daily_items" ADD CONSTRAINT "sales_daily_items_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_daily_items" ADD CONSTRAINT "sales_daily_items_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_daily_items" ADD CONSTRAINT "sales_daily_items_variant_id_product_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."product_variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_events_organization_id_occurred_at_index" ON "analytics_events" USING btree ("organization_id","occurred_at");--> statement-breakpoint
CREATE INDEX "customer_monthly_sales_organization_id_month_index" ON "customer_monthly_sales" USING btree ("organization_id","month");--> statement-breakpoint
CREATE INDEX "customer_sales_organization_id_first_month_index" ON "customer_sales" USING btree ("organization_id","first_month");--> statement-breakpoint
CREATE INDEX "sales_daily_items_organization_id_variant_id_day_index" ON "sales_daily_items" USING btree ("organization_id","variant_id","day");--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_completed_by_user_id_users_id_fk" FOREIGN KEY ("completed_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "orders_history" ON "orders" USING btree ("organization_id","placed_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
-- Existing orders: who completed them (from their status history), then the sales rollups derived from them with
-- the definitions of packages/db/src/rollups.ts (completed orders, by completion day in the location's zone).
UPDATE "orders" o SET "completed_by_user_id" = e."actor_user_id"
FROM "order_status_events" e
WHERE e."order_id" = o."id" AND e."to_status" = 'completed' AND o."status" IN ('completed', 'refunded');--> statement-breakpoint
INSERT INTO "sales_daily" ("organization_id", "day", "location_id", "fulfillment", "completed_by_user_id", "orders",
  "units", "subtotal_cents", "discount_cents", "delivery_fee_cents", "excise_cents", "local_cannabis_cents",
  "sales_tax_cents", "total_cents")
SELECT o."organization_id", (o."completed_at" AT TIME ZONE l."time_zone")::date, o."location_id", o."fulfillment",
  o."completed_by_user_id", count(*),
  coalesce(sum((SELECT sum(i."quantity") FROM "order_items" i WHERE i."order_id" = o."id")), 0),
  sum(o."subtotal_cents"), sum(o."discount_cents"), sum(o."delivery_fee_cents"), sum(o."excise_cents"),
  sum(o."local_cannabis_cents"), sum(o."sales_tax_cents"), sum(o."total_cents")
FROM "orders" o JOIN "locations" l ON l."id" = o."location_id"
WHERE o."status" = 'completed'
GROUP BY 1, 2, 3, 4, 5;--> statement-breakpoint
INSERT INTO "sales_daily_items" ("organization_id", "day", "location_id", "variant_id", "lines", "units",
  "subtotal_cents", "total_cents")
SELECT o."organization_id", (o."completed_at" AT TIME ZONE l."time_zone")::date, o."location_id", i."variant_id",
  count(*), sum(i."quantity"), sum(i."subtotal_cents"), sum(i."total_cents")
FROM "orders" o JOIN "locations" l ON l."id" = o."location_id" JOIN "order_items" i ON i."order_id" = o."id"
WHERE o."status" = 'completed'
GROUP BY 1, 2, 3, 4;--> statement-breakpoint
INSERT INTO "customer_monthly_sales" ("organization_id", "customer_id", "month", "orders", "total_cents")
SELECT o."organization_id", o."customer_id", date_trunc('month', o."completed_at" AT TIME ZONE l."time_zone")::date,
  count(*), sum(o."total_cents")
FROM "orders" o JOIN "locations" l ON l."id" = o."location_id"
WHERE o."status" = 'completed'
GROUP BY 1, 2, 3;--> statement-breakpoint
INSERT INTO "customer_sales" ("organization_id", "customer_id", "first_month", "first_order_at", "last_order_at",
  "orders", "total_cents")
SELECT o."organization_id", o."customer_id",
  (SELECT min(m."month") FROM "customer_monthly_sales" m
   WHERE m."organization_id" = o."organization_id" AND m."customer_id" = o."customer_id"),
  min(o."completed_at"), max(o."completed_at"), count(*), sum(o."total_cents")
FROM "orders" o
WHERE o."status" = 'completed'
GROUP BY 1, 2;
