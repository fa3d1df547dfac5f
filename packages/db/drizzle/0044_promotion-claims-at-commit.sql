CREATE TABLE "promotion_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"promotion_id" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "promotion_claims" ADD CONSTRAINT "promotion_claims_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Takes a checkout's redemption of a promotion at COMMIT (a deferred constraint trigger), as 0043 reserves
-- stock: the promotion's row is locked from this UPDATE to the end of the COMMIT, on the server, so shoppers
-- using one store-wide deal no longer queue on it for the rest of each other's checkout. A promotion that has
-- ended or used up its total limit aborts the commit with SQLSTATE CS410 and, as JSON in DETAIL, its id and
-- name, which the app turns into the shopper's "has just run out" message.
CREATE FUNCTION take_promotion_claim() RETURNS trigger LANGUAGE plpgsql
-- Row-level security was checked when the row was written; at COMMIT the transaction may have left the scope
-- it wrote under (withPlatformAccess restores the wall on its way out), and the function reads and writes
-- only the rows of the organization it was written for.
SET app.bypass_rls = 'on'
AS $$
DECLARE
  promotion_name text;
BEGIN
  UPDATE promotions
     SET redemption_count = redemption_count + 1, updated_at = now()
   WHERE organization_id = NEW.organization_id
     AND id = NEW.promotion_id
     AND status = 'active'
     AND (total_limit IS NULL OR redemption_count < total_limit);
  IF NOT FOUND THEN
    SELECT p.name INTO promotion_name
      FROM promotions p
     WHERE p.id = NEW.promotion_id AND p.organization_id = NEW.organization_id;
    RAISE EXCEPTION 'promotion claim not covered' USING
      ERRCODE = 'CS410',
      DETAIL = json_build_object(
        'promotionId', NEW.promotion_id,
        'name', coalesce(promotion_name, 'A deal')
      )::text;
  END IF;
  DELETE FROM promotion_claims WHERE id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER promotion_claims_take
  AFTER INSERT ON promotion_claims
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION take_promotion_claim();
