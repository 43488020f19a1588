-- Identifier columns compare as bytes: COLLATE "C" (db/schema/id-text.ts declares which ones).
-- Databases get a libc collation by default, `C.UTF-8` locally and on Neon, and PostgreSQL 15 does not
-- treat it as `C`: every unequal comparison of two ids in an index went through strcoll. A perf profile
-- of the attribution batch put ~10% of the database's CPU there. Ids, hashes and keys are ASCII, so byte
-- order is the order they already had; nothing a merchant sees changes order. Measured on the attribution
-- bench's data (1 M touchpoints, 29 partitions, old and new database alternated batch by batch, 76 batches
-- each): Postgres CPU per batch 47.6 -> 45.3 ms, wall time 66.8 -> 63.1 ms.
--
-- tenant_id (and tenants.id) keeps the default collation: conversions is hash-partitioned on it, and a
-- partition key's type cannot be altered. Every tenant_id stays alike, so joins on it keep their indexes
-- (an index serves only comparisons in its own collation), and comparisons of tenant ids are mostly of
-- equal values, which PostgreSQL settles with memcmp before it calls strcoll.
-- The rule below (the names) is the one db/schema/id-text.ts's callers follow, and test/id-collation.test.ts
-- checks that the two agree. The indexes on these columns are rebuilt; conversions is rewritten once,
-- because its generated matched_click_at reads matched_click_id, and PostgreSQL alters no column a
-- generated column reads: the generated column is dropped and added again around the change.
ALTER TABLE conversions DROP COLUMN matched_click_at;
--> statement-breakpoint
DO $$
DECLARE
  alter_table text;
BEGIN
  FOR alter_table IN
    SELECT format('ALTER TABLE %s %s', c.oid::regclass,
        string_agg(format('ALTER COLUMN %I TYPE text COLLATE "C"', a.attname), ', ' ORDER BY a.attnum))
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'tenants'
      AND a.atttypid = 'text'::regtype AND a.attcollation <> '"C"'::regcollation AND a.attname <> 'tenant_id'
      AND (a.attname IN ('id', 'key', 'currency', 'country', 'device', 'sub1')
        OR a.attname LIKE '%\_id' OR a.attname LIKE '%\_hash' OR a.attname LIKE '%\_key')
    GROUP BY c.oid
  LOOP
    EXECUTE alter_table;
  END LOOP;
END $$;
--> statement-breakpoint
-- As 0024 made it.
ALTER TABLE conversions ADD COLUMN matched_click_at timestamptz GENERATED ALWAYS AS (indica_id_time(matched_click_id)) STORED;
--> statement-breakpoint
-- As 0024, with the tenant comparison in the default collation. An inlined SQL function's parameters take
-- the collation of its call's arguments together: called with (tenant_id, conversion_id), both became
-- "C", and the tenant comparison no longer matched the index on conversions (tenant_id, id), which turned
-- each order's lookup into a scan of that index (the commissions' rollup trigger took 90 ms, not 10).
CREATE OR REPLACE FUNCTION indica_order_dims(of_tenant text, of_order text)
RETURNS TABLE (occurred_at timestamptz, sub1 text, country text, device text)
LANGUAGE sql STABLE AS $$
  SELECT cv.occurred_at, coalesce(k.sub_ids ->> 'sub1', ''), coalesce(k.country, ''),
    CASE WHEN k.found IS NULL THEN '' ELSE indica_device_of(k.user_agent) END
  FROM conversions cv
  LEFT JOIN LATERAL (SELECT true AS found, c.sub_ids, c.country, c.user_agent FROM clicks c
    WHERE c.tenant_id = cv.tenant_id AND c.id = cv.matched_click_id AND c.clicked_at = cv.matched_click_at LIMIT 1) k ON true
  WHERE cv.tenant_id = of_tenant COLLATE "default" AND cv.id = of_order AND cv.status <> 'cancelled'
  LIMIT 1
$$;
