CREATE TABLE "stock_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "stock_claims_quantity_positive" CHECK ("stock_claims"."quantity" > 0)
);
--> statement-breakpoint
ALTER TABLE "stock_claims" ADD CONSTRAINT "stock_claims_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Reserves a checkout's stock claim at COMMIT (a deferred constraint trigger), so the stock row is locked from
-- this UPDATE to the end of the COMMIT, on the server, and shoppers racing for one product queue for that
-- alone. The UPDATE waits for a concurrent reservation and then re-checks the stock as that one left it. A
-- claim the stock no longer covers aborts the commit with SQLSTATE CS409 and, as JSON in DETAIL, the variant,
-- its names and the units left, which the app turns into the shopper's "just sold out" message.
CREATE FUNCTION reserve_stock_claim() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  units_left integer;
  product_name text;
  variant_name text;
BEGIN
  UPDATE inventory_levels
     SET reserved = reserved + NEW.quantity, updated_at = now()
   WHERE organization_id = NEW.organization_id
     AND location_id = NEW.location_id
     AND variant_id = NEW.variant_id
     AND on_hand - reserved >= NEW.quantity;
  IF NOT FOUND THEN
    SELECT il.on_hand - il.reserved INTO units_left
      FROM inventory_levels il
     WHERE il.organization_id = NEW.organization_id
       AND il.location_id = NEW.location_id
       AND il.variant_id = NEW.variant_id;
    SELECT p.name, pv.name INTO product_name, variant_name
      FROM product_variants pv JOIN products p ON p.id = pv.product_id
     WHERE pv.id = NEW.variant_id AND pv.organization_id = NEW.organization_id;
    RAISE EXCEPTION 'stock claim not covered' USING
      ERRCODE = 'CS409',
      DETAIL = json_build_object(
        'variantId', NEW.variant_id,
        'available', greatest(coalesce(units_left, 0), 0),
        'productName', coalesce(product_name, 'An item'),
        'variantName', coalesce(variant_name, '')
      )::text;
  END IF;
  DELETE FROM stock_claims WHERE id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER stock_claims_reserve
  AFTER INSERT ON stock_claims
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION reserve_stock_claim();
