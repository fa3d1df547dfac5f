CREATE TYPE "public"."limit_kind" AS ENUM('flower', 'concentrate', 'edible_solid', 'edible_liquid', 'topical', 'non_cannabis');--> statement-breakpoint
CREATE TYPE "public"."metrc_unit" AS ENUM('Each', 'Grams', 'Milligrams', 'Ounces');--> statement-breakpoint
ALTER TABLE "identity_documents" ADD COLUMN "resident_state" char(2);--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "medical_endorsed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "categories" ADD COLUMN "limit_kind" "limit_kind";--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "medical_compliant" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "limit_kind" "limit_kind";--> statement-breakpoint
ALTER TABLE "inventory_lots" ADD COLUMN "unit_of_measure" "metrc_unit" DEFAULT 'Each' NOT NULL;--> statement-breakpoint
-- Existing categories get the limit kind their slug named under the old slug lookup (singular or plural);
-- any other category stays without a kind until staff choose one, and checkout refuses its products meanwhile.
UPDATE "categories" SET "limit_kind" = CASE regexp_replace(lower(trim("slug")), 's$', '')
  WHEN 'flower' THEN 'flower'
  WHEN 'pre-roll' THEN 'flower'
  WHEN 'preroll' THEN 'flower'
  WHEN 'vape' THEN 'concentrate'
  WHEN 'concentrate' THEN 'concentrate'
  WHEN 'edible' THEN 'edible_solid'
  WHEN 'tincture' THEN 'edible_liquid'
  WHEN 'beverage' THEN 'edible_liquid'
  WHEN 'drink' THEN 'edible_liquid'
  WHEN 'topical' THEN 'topical'
  WHEN 'accessory' THEN 'non_cannabis'
  WHEN 'accessorie' THEN 'non_cannabis'
END::"limit_kind"
WHERE "limit_kind" IS NULL;--> statement-breakpoint
-- Lines already sold keep the kind of their category at the time (same mapping), so the day's earlier
-- purchases still count toward the limits.
UPDATE "order_items" SET "limit_kind" = CASE regexp_replace(lower(trim("category")), 's$', '')
  WHEN 'flower' THEN 'flower'
  WHEN 'pre-roll' THEN 'flower'
  WHEN 'preroll' THEN 'flower'
  WHEN 'vape' THEN 'concentrate'
  WHEN 'concentrate' THEN 'concentrate'
  WHEN 'edible' THEN 'edible_solid'
  WHEN 'tincture' THEN 'edible_liquid'
  WHEN 'beverage' THEN 'edible_liquid'
  WHEN 'drink' THEN 'edible_liquid'
  WHEN 'topical' THEN 'topical'
  WHEN 'accessory' THEN 'non_cannabis'
  WHEN 'accessorie' THEN 'non_cannabis'
END::"limit_kind"
WHERE "limit_kind" IS NULL;
