-- Row-level security: the second wall behind the API's own tenant scoping.
-- The API runs each request in a transaction as the role indica_tenant with `indica.tenant_id` set
-- (db/tenant-scope.ts); that role sees and writes only rows of that tenant. The Workers' own role (the one
-- running migrations) keeps full access through an explicit policy, because the queue consumer and the
-- redirect work across tenants by design.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'indica_tenant') THEN
    CREATE ROLE indica_tenant NOLOGIN NOBYPASSRLS;
  END IF;
END $$;
--> statement-breakpoint
-- Membership lets the Workers' role `SET ROLE indica_tenant` inside a transaction.
GRANT indica_tenant TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO indica_tenant;
--> statement-breakpoint
-- Protects one table that has a tenant_id column; later migrations call it for every new tenant table
-- (test/row-level-security.security.test.ts fails when one is missed).
CREATE OR REPLACE FUNCTION indica_protect_tenant_table(target regclass) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
  EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', target);
  EXECUTE format('CREATE POLICY tenant_isolation ON %s TO indica_tenant'
    || ' USING (tenant_id = current_setting(''indica.tenant_id'', true))'
    || ' WITH CHECK (tenant_id = current_setting(''indica.tenant_id'', true))', target);
  EXECUTE format('DROP POLICY IF EXISTS service_access ON %s', target);
  EXECUTE format('CREATE POLICY service_access ON %s TO %I USING (true) WITH CHECK (true)', target, current_user);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO indica_tenant', target);
END
$fn$;
--> statement-breakpoint
DO $$
DECLARE t regclass;
BEGIN
  -- Partitions are left out on purpose: indica_tenant gets no grant on them, so they are reachable only
  -- through their parent, where the policy applies.
  FOR t IN
    SELECT c.oid::regclass FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  LOOP
    PERFORM indica_protect_tenant_table(t);
  END LOOP;
END $$;
--> statement-breakpoint
-- The tenant row itself: a merchant reads and edits only its own settings.
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON tenants TO indica_tenant USING (id = current_setting('indica.tenant_id', true)) WITH CHECK (id = current_setting('indica.tenant_id', true));
--> statement-breakpoint
DO $$ BEGIN EXECUTE format('CREATE POLICY service_access ON tenants TO %I USING (true) WITH CHECK (true)', current_user); END $$;
--> statement-breakpoint
GRANT SELECT, UPDATE ON tenants TO indica_tenant;
