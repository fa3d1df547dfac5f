-- Storefront pages rendered once are served again until something they show changes. These triggers say when:
-- each change to a table a storefront page reads sends the organization's id on the `storefront_changed`
-- channel, delivered when the change commits (never for a rolled-back one). PostgreSQL sends one notice per
-- transaction for the same organization, so a catalog import of thousands of rows costs one notice, not
-- thousands. Whatever changes the rows (checkout, a stock count, METRC sync, a hand-written UPDATE) is covered.
CREATE OR REPLACE FUNCTION notify_storefront_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('storefront_changed', OLD.organization_id::text);
  ELSE
    PERFORM pg_notify('storefront_changed', NEW.organization_id::text);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION notify_storefront_organization_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('storefront_changed', OLD.id::text);
  ELSE
    PERFORM pg_notify('storefront_changed', NEW.id::text);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER storefront_changed AFTER INSERT OR UPDATE OR DELETE ON organizations
  FOR EACH ROW EXECUTE FUNCTION notify_storefront_organization_change();
--> statement-breakpoint
CREATE TRIGGER storefront_changed AFTER INSERT OR UPDATE OR DELETE ON custom_domain_verifications
  FOR EACH ROW EXECUTE FUNCTION notify_storefront_change();
--> statement-breakpoint
CREATE TRIGGER storefront_changed AFTER INSERT OR UPDATE OR DELETE ON locations
  FOR EACH ROW EXECUTE FUNCTION notify_storefront_change();
--> statement-breakpoint
CREATE TRIGGER storefront_changed AFTER INSERT OR UPDATE OR DELETE ON categories
  FOR EACH ROW EXECUTE FUNCTION notify_storefront_change();
--> statement-breakpoint
CREATE TRIGGER storefront_changed AFTER INSERT OR UPDATE OR DELETE ON brands
  FOR EACH ROW EXECUTE FUNCTION notify_storefront_change();
--> statement-breakpoint
CREATE TRIGGER storefront_changed AFTER INSERT OR UPDATE OR DELETE ON products
  FOR EACH ROW EXECUTE FUNCTION notify_storefront_change();
--> statement-breakpoint
CREATE TRIGGER storefront_changed AFTER INSERT OR UPDATE OR DELETE ON product_variants
  FOR EACH ROW EXECUTE FUNCTION notify_storefront_change();
--> statement-breakpoint
CREATE TRIGGER storefront_changed AFTER INSERT OR UPDATE OR DELETE ON inventory_levels
  FOR EACH ROW EXECUTE FUNCTION notify_storefront_change();
--> statement-breakpoint
CREATE TRIGGER storefront_changed AFTER INSERT OR UPDATE OR DELETE ON promotions
  FOR EACH ROW EXECUTE FUNCTION notify_storefront_change();
--> statement-breakpoint
CREATE TRIGGER storefront_changed AFTER INSERT OR UPDATE OR DELETE ON product_reviews
  FOR EACH ROW EXECUTE FUNCTION notify_storefront_change();
--> statement-breakpoint
CREATE TRIGGER storefront_changed AFTER INSERT OR UPDATE OR DELETE ON review_votes
  FOR EACH ROW EXECUTE FUNCTION notify_storefront_change();
--> statement-breakpoint
CREATE TRIGGER storefront_changed AFTER INSERT OR UPDATE OR DELETE ON customers
  FOR EACH ROW EXECUTE FUNCTION notify_storefront_change();
--> statement-breakpoint
CREATE TRIGGER storefront_changed AFTER INSERT OR UPDATE OR DELETE ON orders
  FOR EACH ROW EXECUTE FUNCTION notify_storefront_change();
--> statement-breakpoint
CREATE TRIGGER storefront_changed AFTER INSERT OR UPDATE OR DELETE ON order_items
  FOR EACH ROW EXECUTE FUNCTION notify_storefront_change();
