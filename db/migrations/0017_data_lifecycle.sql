CREATE TABLE "consents" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"visitor_id" text,
	"email_hash" text,
	"customer_id_hash" text,
	"purpose" text NOT NULL,
	"granted" boolean NOT NULL,
	"source" text NOT NULL,
	"policy_version" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "retention_policies" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"raw_event_months" integer DEFAULT 25 NOT NULL,
	"ip_hash_days" integer DEFAULT 30 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "consents_tenant_visitor_idx" ON "consents" USING btree ("tenant_id","visitor_id","recorded_at");--> statement-breakpoint
CREATE INDEX "consents_tenant_email_idx" ON "consents" USING btree ("tenant_id","email_hash");--> statement-breakpoint
-- Hand-written: detaching and dropping whole monthly partitions (<table>_yYYYYmMM) that end on or before
-- `before`. Shared by every tenant, so the caller passes the longest retention of all of them; shorter
-- policies are applied by deleting the tenant's rows (workers/ingest/src/services/data-lifecycle.ts).
-- DETACH without CONCURRENTLY: Postgres refuses CONCURRENTLY while a default partition exists; the lock
-- is brief because a detached partition's rows are not touched.
CREATE FUNCTION indica_drop_monthly_partitions(parent regclass, before date) RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE
  part record;
  dropped text[] := '{}';
BEGIN
  FOR part IN
    SELECT c.relname, make_date(substring(c.relname from '_y(\d{4})m\d{2}$')::int, substring(c.relname from '_y\d{4}m(\d{2})$')::int, 1) AS month
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = parent AND c.relname ~ '_y\d{4}m\d{2}$'
    ORDER BY 2
  LOOP
    EXIT WHEN (part.month + interval '1 month')::date > before;
    EXECUTE format('ALTER TABLE %s DETACH PARTITION %I', parent, part.relname);
    EXECUTE format('DROP TABLE %I', part.relname);
    dropped := dropped || part.relname::text;
  END LOOP;
  RETURN dropped;
END $$;
--> statement-breakpoint
SELECT indica_protect_tenant_table('retention_policies');
--> statement-breakpoint
SELECT indica_protect_tenant_table('consents');
