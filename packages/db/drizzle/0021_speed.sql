ALTER TABLE "organizations" DROP COLUMN "next_order_number";--> statement-breakpoint
-- Order numbers: one PostgreSQL sequence per organization instead of a counter column that every checkout of
-- the tenant had to lock (a second hot row beside the stock row). nextval never waits for another transaction;
-- a refused checkout leaves a gap, which is fine for a readable, unique, increasing number.
CREATE FUNCTION "order_number_sequence_name"("organization_id" uuid) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$ SELECT 'order_number_' || replace("organization_id"::text, '-', '') $$;
--> statement-breakpoint
-- SECURITY DEFINER so an application role without CREATE on the schema can still add organizations.
CREATE FUNCTION "create_order_number_sequence"() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I START 1001', order_number_sequence_name(NEW.id));
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE FUNCTION "drop_order_number_sequence"() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  EXECUTE format('DROP SEQUENCE IF EXISTS %I', order_number_sequence_name(OLD.id));
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE TRIGGER "organizations_create_order_number_sequence" AFTER INSERT ON "organizations"
  FOR EACH ROW EXECUTE FUNCTION "create_order_number_sequence"();
--> statement-breakpoint
CREATE TRIGGER "organizations_drop_order_number_sequence" AFTER DELETE ON "organizations"
  FOR EACH ROW EXECUTE FUNCTION "drop_order_number_sequence"();
--> statement-breakpoint
-- The next order number of an organization; SECURITY DEFINER for the same reason as above.
CREATE FUNCTION "next_order_number"("organization_id" uuid) RETURNS integer
  LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  SELECT nextval(order_number_sequence_name("organization_id")::regclass)::integer
$$;
--> statement-breakpoint
-- Existing organizations continue after their highest order number.
DO $$
DECLARE o record;
BEGIN
  FOR o IN
    SELECT g.id, coalesce((SELECT max(r.order_number) FROM orders r WHERE r.organization_id = g.id), 1000) + 1 AS start
    FROM organizations g
  LOOP
    EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I START %s', order_number_sequence_name(o.id), o.start);
  END LOOP;
END $$;
