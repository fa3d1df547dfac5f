CREATE TABLE "audit_appends" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid,
	"actor_kind" "audit_actor_kind" NOT NULL,
	"actor_id" text,
	"actor_label" text,
	"action" text NOT NULL,
	"resource_type" text,
	"resource_id" text,
	"input" jsonb,
	"before" jsonb,
	"after" jsonb,
	"ip" text,
	"request_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"canonical_head" text NOT NULL,
	"canonical_middle" text NOT NULL,
	"canonical_tail" text NOT NULL
);
--> statement-breakpoint
-- Links a record into its chain at COMMIT (a deferred constraint trigger), as 0043 reserves stock: the head is
-- locked from here to the end of the COMMIT, on the server, so changes recorded in one chain queue for that
-- alone rather than for the rest of each other's transaction. The hash is the SHA-256 of the record's canonical
-- text with the previous hash (JSON: a quoted hex string, or null) and the sequence number (a whole number) put
-- back in, exactly as recorded before this trigger existed.
CREATE FUNCTION link_audit_append() RETURNS trigger LANGUAGE plpgsql
-- Row-level security was checked when the row was written; at COMMIT the transaction may have left the scope
-- it wrote under (withPlatformAccess restores the wall on its way out), and the function reads and writes
-- only the rows of the organization it was written for.
SET app.bypass_rls = 'on'
AS $$
DECLARE
  -- The organization's chain, or the platform's (core's chainKey).
  chain_key text := coalesce(NEW.organization_id::text, 'platform');
  next_seq bigint;
  prev text;
  linked text;
BEGIN
  SELECT last_seq + 1, last_hash INTO next_seq, prev
    FROM audit_chain_heads WHERE chain = chain_key FOR UPDATE;
  IF NOT FOUND THEN
    -- The chain's first record: its head row is made once.
    INSERT INTO audit_chain_heads (chain, organization_id) VALUES (chain_key, NEW.organization_id)
      ON CONFLICT (chain) DO NOTHING;
    SELECT last_seq + 1, last_hash INTO next_seq, prev
      FROM audit_chain_heads WHERE chain = chain_key FOR UPDATE;
  END IF;
  linked := encode(sha256(convert_to(NEW.canonical_head || coalesce(to_json(prev)::text, 'null')
    || NEW.canonical_middle || next_seq::text || NEW.canonical_tail, 'UTF8')), 'hex');
  UPDATE audit_chain_heads SET last_seq = next_seq, last_hash = linked WHERE chain = chain_key;
  INSERT INTO audit_events (organization_id, seq, actor_kind, actor_id, actor_label, action, resource_type,
      resource_id, input, before, after, ip, request_id, created_at, prev_hash, hash)
    VALUES (NEW.organization_id, next_seq, NEW.actor_kind, NEW.actor_id, NEW.actor_label, NEW.action,
      NEW.resource_type, NEW.resource_id, NEW.input, NEW.before, NEW.after, NEW.ip, NEW.request_id,
      NEW.created_at, prev, linked);
  DELETE FROM audit_appends WHERE id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER audit_appends_link
  AFTER INSERT ON audit_appends
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION link_audit_append();
