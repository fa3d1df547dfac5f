CREATE TABLE "sales_weekly_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"week" date NOT NULL,
	"variant_id" uuid NOT NULL,
	"lines" integer DEFAULT 0 NOT NULL,
	"units" integer DEFAULT 0 NOT NULL,
	"subtotal_cents" integer DEFAULT 0 NOT NULL,
	"total_cents" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "sales_weekly_items_grain" UNIQUE("organization_id","week","variant_id")
);
--> statement-breakpoint
ALTER TABLE "sales_weekly_items" ADD CONSTRAINT "sales_weekly_items_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_weekly_items" ADD CONSTRAINT "sales_weekly_items_variant_id_product_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."product_variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- The weekly item rollup starts from the daily one, for every organization's history so far: weeks begin on
-- Monday and are cut at the 1st of a month.
INSERT INTO "sales_weekly_items" ("organization_id", "week", "variant_id", "lines", "units", "subtotal_cents", "total_cents")
SELECT "organization_id", greatest(date_trunc('week', "day"::timestamp), date_trunc('month', "day"::timestamp))::date,
  "variant_id", sum("lines"), sum("units"), sum("subtotal_cents"), sum("total_cents")
FROM "sales_daily_items" GROUP BY 1, 2, 3;
