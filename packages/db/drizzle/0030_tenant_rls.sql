-- Row-level security: a second wall behind the tenant filters every query already carries. Each table with an
-- organization_id column shows and accepts only the rows of the organization set for the transaction
-- (app.organization_id), unless the connection does platform-level work (app.bypass_rls = 'on': sign-in,
-- host resolution, jobs that visit every organization, migrations and seeding). Tenant-scoped calls switch to
-- cannasaas_app (no superuser, no BYPASSRLS, not the owner) for their transaction, so the policies bind even when
-- the server connects as a superuser; FORCE makes them bind the tables' owner too.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cannasaas_app') THEN
    CREATE ROLE cannasaas_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
  END IF;
EXCEPTION
  -- Roles are shared by every database of the server: another database's migration may have just created it.
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  -- The connecting role must be allowed to SET ROLE to it (superusers always are).
  IF NOT pg_has_role(current_user, 'cannasaas_app', 'MEMBER') THEN
    EXECUTE format('GRANT cannasaas_app TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
-- Idempotent: grants the application role its table rights and puts every tenant table behind the policy.
-- Migrations call it after they run (packages/db/src/migrate.ts), so a table added later is covered as well.
CREATE OR REPLACE FUNCTION secure_tenant_tables() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  tenant_table record;
  secured integer := 0;
BEGIN
  EXECUTE 'GRANT USAGE ON SCHEMA public TO cannasaas_app';
  EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO cannasaas_app';
  EXECUTE 'GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO cannasaas_app';
  FOR tenant_table IN
    SELECT c.oid::regclass AS name, format_type(a.atttypid, a.atttypmod) AS id_type
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
  LOOP
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tenant_table.name);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tenant_table.name);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', tenant_table.name);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %s USING (%s) WITH CHECK (%s)',
      tenant_table.name,
      format(
        $p$current_setting('app.bypass_rls', true) = 'on' OR organization_id = nullif(current_setting('app.organization_id', true), '')::%s$p$,
        tenant_table.id_type
      ),
      format(
        $p$current_setting('app.bypass_rls', true) = 'on' OR organization_id = nullif(current_setting('app.organization_id', true), '')::%s$p$,
        tenant_table.id_type
      )
    );
    secured := secured + 1;
  END LOOP;
  RETURN secured;
END
$$;
--> statement-breakpoint
SELECT secure_tenant_tables();
