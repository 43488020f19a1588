-- Clicks are partitioned by month on `clicked_at`, the time inside the click id. An order's matched click was
-- looked up by (tenant_id, id) alone, which probes every month's partition: 29 at the default retention of 25
-- months, where the attribution bench had 5. Measured on that bench's data with 29 partitions (psql, 500
-- orders): 12-14 ms for the lookups without the partition key, 3 ms with it, and the commissions' rollup
-- trigger 17 ms instead of 9. So the order keeps its matched click's time, read from the id by the database
-- itself (a generated column: every writer, SQL included, gets it right), and the lookups name it.

-- The time inside a prefixed id (core/ids.ts: `xxx_` + 10 Crockford base32 characters of milliseconds + 16
-- random ones), NULL for anything else. IMMUTABLE, as a generated column requires; ~4 µs a call.
CREATE FUNCTION indica_id_time(id text) RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN id ~ '^[a-z]{3}_[0-9A-HJKMNP-TV-Z]{26}$' THEN to_timestamp((
      (strpos('0123456789ABCDEFGHJKMNPQRSTVWXYZ', substr(id, 5, 1)) - 1)::bigint * 35184372088832
    + (strpos('0123456789ABCDEFGHJKMNPQRSTVWXYZ', substr(id, 6, 1)) - 1)::bigint * 1099511627776
    + (strpos('0123456789ABCDEFGHJKMNPQRSTVWXYZ', substr(id, 7, 1)) - 1)::bigint * 34359738368
    + (strpos('0123456789ABCDEFGHJKMNPQRSTVWXYZ', substr(id, 8, 1)) - 1)::bigint * 1073741824
    + (strpos('0123456789ABCDEFGHJKMNPQRSTVWXYZ', substr(id, 9, 1)) - 1)::bigint * 33554432
    + (strpos('0123456789ABCDEFGHJKMNPQRSTVWXYZ', substr(id, 10, 1)) - 1)::bigint * 1048576
    + (strpos('0123456789ABCDEFGHJKMNPQRSTVWXYZ', substr(id, 11, 1)) - 1)::bigint * 32768
    + (strpos('0123456789ABCDEFGHJKMNPQRSTVWXYZ', substr(id, 12, 1)) - 1)::bigint * 1024
    + (strpos('0123456789ABCDEFGHJKMNPQRSTVWXYZ', substr(id, 13, 1)) - 1)::bigint * 32
    + (strpos('0123456789ABCDEFGHJKMNPQRSTVWXYZ', substr(id, 14, 1)) - 1)::bigint)::float8 / 1000) END
$$;
--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "matched_click_at" timestamp with time zone GENERATED ALWAYS AS (indica_id_time(matched_click_id)) STORED;
--> statement-breakpoint
-- As 0021, with the click's partition key.
CREATE OR REPLACE FUNCTION indica_order_dims(of_tenant text, of_order text)
RETURNS TABLE (occurred_at timestamptz, sub1 text, country text, device text)
LANGUAGE sql STABLE AS $$
  SELECT cv.occurred_at, coalesce(k.sub_ids ->> 'sub1', ''), coalesce(k.country, ''),
    CASE WHEN k.found IS NULL THEN '' ELSE indica_device_of(k.user_agent) END
  FROM conversions cv
  LEFT JOIN LATERAL (SELECT true AS found, c.sub_ids, c.country, c.user_agent FROM clicks c
    WHERE c.tenant_id = cv.tenant_id AND c.id = cv.matched_click_id AND c.clicked_at = cv.matched_click_at LIMIT 1) k ON true
  WHERE cv.tenant_id = of_tenant AND cv.id = of_order AND cv.status <> 'cancelled'
  LIMIT 1
$$;
--> statement-breakpoint
-- As 0017, with the click's partition key.
CREATE OR REPLACE FUNCTION indica_order_keys(orders conversions[], hidden_clicks text[])
RETURNS TABLE (tenant_id text, id text, occurred_at timestamptz, status text, amount bigint, currency text, affiliate_id text,
  campaign_id text, sub1 text, country text, device text)
LANGUAGE sql STABLE AS $$
  SELECT o.tenant_id, o.id, o.occurred_at, o.status, o.amount, o.currency, coalesce(o.matched_affiliate_id, ''),
    coalesce(k.campaign_id, cp.campaign_id, ''), coalesce(k.sub_ids ->> 'sub1', ''), coalesce(k.country, ''),
    CASE WHEN k.id IS NULL THEN '' ELSE indica_device_of(k.user_agent) END
  FROM unnest(orders) o
  LEFT JOIN LATERAL (SELECT c.id, c.campaign_id, c.sub_ids, c.country, c.user_agent FROM clicks c
    WHERE c.tenant_id = o.tenant_id AND c.id = o.matched_click_id AND c.clicked_at = o.matched_click_at AND c.id <> ALL(hidden_clicks) LIMIT 1) k ON true
  LEFT JOIN coupons cp ON o.identity_source = 'coupon' AND cp.tenant_id = o.tenant_id AND upper(cp.code) = upper(o.coupon)
$$;
