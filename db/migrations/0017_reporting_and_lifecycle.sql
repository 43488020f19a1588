-- Report rollups (kept exact by triggers) and the data lifecycle tables (retention policies, consents).
-- The index of orders awaiting their click (0015) gives way to the wider one below, which serves both.
DROP INDEX "conversions_awaiting_click_idx";
--> statement-breakpoint
CREATE TABLE "report_daily" (
	"tenant_id" text NOT NULL,
	"campaign_id" text DEFAULT '' NOT NULL,
	"affiliate_id" text DEFAULT '' NOT NULL,
	"sub1" text DEFAULT '' NOT NULL,
	"country" text DEFAULT '' NOT NULL,
	"device" text DEFAULT '' NOT NULL,
	"currency" text DEFAULT '' NOT NULL,
	"day" date NOT NULL,
	"clicks" bigint DEFAULT 0 NOT NULL,
	"visitors" bigint DEFAULT 0 NOT NULL,
	"duplicates" bigint DEFAULT 0 NOT NULL,
	"flagged" bigint DEFAULT 0 NOT NULL,
	"conversions" bigint DEFAULT 0 NOT NULL,
	"revenue" bigint DEFAULT 0 NOT NULL,
	"commissions" bigint DEFAULT 0 NOT NULL,
	"commission" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "report_daily_tenant_id_day_campaign_id_affiliate_id_sub1_country_device_currency_pk" PRIMARY KEY("tenant_id","day","campaign_id","affiliate_id","sub1","country","device","currency")
);
--> statement-breakpoint
CREATE TABLE "report_hourly" (
	"tenant_id" text NOT NULL,
	"campaign_id" text DEFAULT '' NOT NULL,
	"affiliate_id" text DEFAULT '' NOT NULL,
	"sub1" text DEFAULT '' NOT NULL,
	"country" text DEFAULT '' NOT NULL,
	"device" text DEFAULT '' NOT NULL,
	"currency" text DEFAULT '' NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"clicks" bigint DEFAULT 0 NOT NULL,
	"visitors" bigint DEFAULT 0 NOT NULL,
	"duplicates" bigint DEFAULT 0 NOT NULL,
	"flagged" bigint DEFAULT 0 NOT NULL,
	"conversions" bigint DEFAULT 0 NOT NULL,
	"revenue" bigint DEFAULT 0 NOT NULL,
	"commissions" bigint DEFAULT 0 NOT NULL,
	"commission" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "report_hourly_tenant_id_hour_campaign_id_affiliate_id_sub1_country_device_currency_pk" PRIMARY KEY("tenant_id","hour","campaign_id","affiliate_id","sub1","country","device","currency")
);
--> statement-breakpoint
CREATE INDEX "conversions_tenant_matched_click_idx" ON "conversions" USING btree ("tenant_id","matched_click_id") WHERE "conversions"."matched_click_id" IS NOT NULL;--> statement-breakpoint
-- Hand-written from here: the triggers that keep report_hourly and report_daily exact (docs/reporting.md).
-- The device class of a user agent, for clicks (which store the agent, not a device column). Kept in SQL so
-- the triggers and any recomputation from raw rows classify alike.
CREATE FUNCTION indica_device_of(user_agent text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN user_agent IS NULL OR user_agent = '' THEN 'other'
    WHEN user_agent ~* '(ipad|tablet|kindle|silk/|playbook)' OR (user_agent ~* 'android' AND user_agent !~* 'mobile') THEN 'tablet'
    WHEN user_agent ~* '(mobi|iphone|ipod|android|blackberry|opera mini|windows phone)' THEN 'mobile'
    ELSE 'desktop' END
$$;
--> statement-breakpoint
CREATE TYPE indica_report_delta AS (
  tenant_id text, at timestamptz, campaign_id text, affiliate_id text, sub1 text, country text, device text, currency text,
  clicks bigint, visitors bigint, duplicates bigint, flagged bigint, conversions bigint, revenue bigint, commissions bigint, commission bigint
);
--> statement-breakpoint
-- Adds a set of signed deltas to both rollups: grouped first (one upsert per key), in key order so that
-- concurrent batches lock rollup rows in the same order. Days are the merchant's (tenants.timezone).
CREATE FUNCTION indica_report_apply(deltas indica_report_delta[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(deltas), 0) = 0 THEN RETURN; END IF;
  INSERT INTO report_hourly AS r (tenant_id, hour, campaign_id, affiliate_id, sub1, country, device, currency,
    clicks, visitors, duplicates, flagged, conversions, revenue, commissions, commission)
  SELECT d.tenant_id, date_trunc('hour', d.at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', d.campaign_id, d.affiliate_id, d.sub1, d.country, d.device, d.currency,
    sum(d.clicks), sum(d.visitors), sum(d.duplicates), sum(d.flagged), sum(d.conversions), sum(d.revenue), sum(d.commissions), sum(d.commission)
  FROM unnest(deltas) d
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  HAVING sum(abs(d.clicks) + abs(d.visitors) + abs(d.duplicates) + abs(d.flagged) + abs(d.conversions) + abs(d.revenue) + abs(d.commissions) + abs(d.commission)) > 0
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT (tenant_id, hour, campaign_id, affiliate_id, sub1, country, device, currency) DO UPDATE SET
    clicks = r.clicks + excluded.clicks, visitors = r.visitors + excluded.visitors, duplicates = r.duplicates + excluded.duplicates,
    flagged = r.flagged + excluded.flagged, conversions = r.conversions + excluded.conversions, revenue = r.revenue + excluded.revenue,
    commissions = r.commissions + excluded.commissions, commission = r.commission + excluded.commission;
  INSERT INTO report_daily AS r (tenant_id, day, campaign_id, affiliate_id, sub1, country, device, currency,
    clicks, visitors, duplicates, flagged, conversions, revenue, commissions, commission)
  SELECT d.tenant_id, (d.at AT TIME ZONE t.timezone)::date, d.campaign_id, d.affiliate_id, d.sub1, d.country, d.device, d.currency,
    sum(d.clicks), sum(d.visitors), sum(d.duplicates), sum(d.flagged), sum(d.conversions), sum(d.revenue), sum(d.commissions), sum(d.commission)
  FROM unnest(deltas) d JOIN tenants t ON t.id = d.tenant_id
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  HAVING sum(abs(d.clicks) + abs(d.visitors) + abs(d.duplicates) + abs(d.flagged) + abs(d.conversions) + abs(d.revenue) + abs(d.commissions) + abs(d.commission)) > 0
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT (tenant_id, day, campaign_id, affiliate_id, sub1, country, device, currency) DO UPDATE SET
    clicks = r.clicks + excluded.clicks, visitors = r.visitors + excluded.visitors, duplicates = r.duplicates + excluded.duplicates,
    flagged = r.flagged + excluded.flagged, conversions = r.conversions + excluded.conversions, revenue = r.revenue + excluded.revenue,
    commissions = r.commissions + excluded.commissions, commission = r.commission + excluded.commission;
END $$;
--> statement-breakpoint
-- What an order is credited to (as db/queries/conversion-touch.ts): the matched click's campaign, sub1,
-- country and device, else the coupon's campaign. `hidden_clicks` are treated as not stored yet.
CREATE FUNCTION indica_order_keys(orders conversions[], hidden_clicks text[])
RETURNS TABLE (tenant_id text, id text, occurred_at timestamptz, status text, amount bigint, currency text, affiliate_id text,
  campaign_id text, sub1 text, country text, device text)
LANGUAGE sql STABLE AS $$
  SELECT o.tenant_id, o.id, o.occurred_at, o.status, o.amount, o.currency, coalesce(o.matched_affiliate_id, ''),
    coalesce(k.campaign_id, cp.campaign_id, ''), coalesce(k.sub_ids ->> 'sub1', ''), coalesce(k.country, ''),
    CASE WHEN k.id IS NULL THEN '' ELSE indica_device_of(k.user_agent) END
  FROM unnest(orders) o
  LEFT JOIN LATERAL (SELECT c.id, c.campaign_id, c.sub_ids, c.country, c.user_agent FROM clicks c
    WHERE c.tenant_id = o.tenant_id AND c.id = o.matched_click_id AND c.id <> ALL(hidden_clicks) LIMIT 1) k ON true
  LEFT JOIN coupons cp ON o.identity_source = 'coupon' AND cp.tenant_id = o.tenant_id AND upper(cp.code) = upper(o.coupon)
$$;
--> statement-breakpoint
-- An order's contribution (itself and its commissions, as they stand), times `sign`. Cancelled orders and
-- rejected commissions contribute nothing; commissions count net of what refunds took back.
CREATE FUNCTION indica_order_facts(orders conversions[], sign integer, hidden_clicks text[]) RETURNS SETOF indica_report_delta
LANGUAGE sql STABLE AS $$
  WITH o AS (SELECT * FROM indica_order_keys(orders, hidden_clicks) WHERE status <> 'cancelled')
  SELECT ROW(o.tenant_id, o.occurred_at, o.campaign_id, o.affiliate_id, o.sub1, o.country, o.device, o.currency,
    0, 0, 0, 0, sign, sign * o.amount, 0, 0)::indica_report_delta FROM o
  UNION ALL
  SELECT ROW(o.tenant_id, o.occurred_at, cm.campaign_id, cm.affiliate_id, o.sub1, o.country, o.device, cm.currency,
    0, 0, 0, 0, 0, 0, sign, sign * (cm.amount - cm.reversed_amount))::indica_report_delta
  FROM o JOIN commissions cm ON cm.tenant_id = o.tenant_id AND cm.conversion_id = o.id AND cm.status <> 'rejected'
$$;
--> statement-breakpoint
-- Commission rows' contribution, keyed by their order as it stands now, times `sign`.
CREATE FUNCTION indica_commission_facts(changed commissions[], sign integer) RETURNS SETOF indica_report_delta
LANGUAGE sql STABLE AS $$
  SELECT ROW(o.tenant_id, o.occurred_at, cm.campaign_id, cm.affiliate_id, o.sub1, o.country, o.device, cm.currency,
    0, 0, 0, 0, 0, 0, sign, sign * (cm.amount - cm.reversed_amount))::indica_report_delta
  FROM unnest(changed) cm
  JOIN indica_order_keys(ARRAY(SELECT cv FROM conversions cv
    WHERE (cv.tenant_id, cv.id) IN (SELECT r.tenant_id, r.conversion_id FROM unnest(changed) r)), '{}') o
    ON o.tenant_id = cm.tenant_id AND o.id = cm.conversion_id
  WHERE o.status <> 'cancelled' AND cm.status <> 'rejected'
$$;
--> statement-breakpoint
CREATE FUNCTION indica_report_clicks_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  new_ids text[] := ARRAY(SELECT n.id FROM new_clicks n);
BEGIN
  -- Concurrent batches with clicks of the same visitor take turns, so "the visitor's first click of the
  -- day" is decided by one of them with the other's rows visible (each statement below sees committed rows).
  PERFORM pg_advisory_xact_lock(74300, hashtext(v)) FROM (SELECT DISTINCT n.tenant_id || '|' || n.visitor_id AS v FROM new_clicks n ORDER BY 1) s;
  PERFORM indica_report_apply(ARRAY(
    WITH n AS (
      SELECT k.id, k.tenant_id, k.visitor_id, k.clicked_at, k.is_duplicate, k.flagged, t.timezone,
        (k.clicked_at AT TIME ZONE t.timezone)::date AS local_day, k.campaign_id, k.affiliate_id,
        coalesce(k.sub_ids ->> 'sub1', '') AS sub1, coalesce(k.country, '') AS country, indica_device_of(k.user_agent) AS device
      FROM new_clicks k JOIN tenants t ON t.id = k.tenant_id
    ), firsts AS (
      -- Per visitor, local day and key: the earliest new click and the earliest click stored before.
      SELECT g.*, (SELECT min(o.clicked_at) FROM clicks o
          WHERE o.tenant_id = g.tenant_id AND o.visitor_id = g.visitor_id
            AND o.clicked_at >= (g.local_day::timestamp AT TIME ZONE g.timezone) AND o.clicked_at < ((g.local_day + 1)::timestamp AT TIME ZONE g.timezone)
            AND o.campaign_id = g.campaign_id AND o.affiliate_id = g.affiliate_id AND coalesce(o.sub_ids ->> 'sub1', '') = g.sub1
            AND coalesce(o.country, '') = g.country AND indica_device_of(o.user_agent) = g.device AND o.id <> ALL(new_ids)) AS first_old
      FROM (SELECT n.tenant_id, n.visitor_id, n.timezone, n.local_day, n.campaign_id, n.affiliate_id, n.sub1, n.country, n.device, min(n.clicked_at) AS first_new
            FROM n GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9) g
    )
    SELECT ROW(n.tenant_id, n.clicked_at, n.campaign_id, n.affiliate_id, n.sub1, n.country, n.device, '',
      1, 0, n.is_duplicate::int, n.flagged::int, 0, 0, 0, 0)::indica_report_delta FROM n
    UNION ALL
    -- A new visitor for the day, or an earlier first click than the one counted: the count moves to its hour.
    SELECT ROW(f.tenant_id, f.first_new, f.campaign_id, f.affiliate_id, f.sub1, f.country, f.device, '', 0, 1, 0, 0, 0, 0, 0, 0)::indica_report_delta
    FROM firsts f WHERE f.first_old IS NULL OR f.first_new < f.first_old
    UNION ALL
    SELECT ROW(f.tenant_id, f.first_old, f.campaign_id, f.affiliate_id, f.sub1, f.country, f.device, '', 0, -1, 0, 0, 0, 0, 0, 0)::indica_report_delta
    FROM firsts f WHERE f.first_new < f.first_old
  ));
  -- Orders that named these clicks before they were stored were credited without them: re-key them.
  PERFORM indica_report_apply(ARRAY(
    SELECT indica_order_facts(ARRAY(SELECT cv FROM conversions cv WHERE cv.matched_click_id IS NOT NULL
      AND (cv.tenant_id, cv.matched_click_id) IN (SELECT n.tenant_id, n.id FROM new_clicks n)), s.sign, CASE WHEN s.sign < 0 THEN new_ids ELSE '{}' END)
    FROM (VALUES (-1), (1)) s(sign)));
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Clicks change after insert only in their fraud marks (flagged, is_duplicate); dimensions never change.
CREATE FUNCTION indica_report_clicks_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM indica_report_apply(ARRAY(
    SELECT ROW(n.tenant_id, n.clicked_at, n.campaign_id, n.affiliate_id, coalesce(n.sub_ids ->> 'sub1', ''), coalesce(n.country, ''),
      indica_device_of(n.user_agent), '', 0, 0, n.is_duplicate::int - o.is_duplicate::int, n.flagged::int - o.flagged::int, 0, 0, 0, 0)::indica_report_delta
    FROM old_clicks o JOIN new_clicks n ON n.id = o.id AND n.clicked_at = o.clicked_at
    WHERE n.is_duplicate IS DISTINCT FROM o.is_duplicate OR n.flagged IS DISTINCT FROM o.flagged));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION indica_report_orders_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM indica_report_apply(ARRAY(SELECT indica_order_facts(ARRAY(SELECT ROW(o.*)::conversions FROM old_orders o), -1, '{}')));
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    PERFORM indica_report_apply(ARRAY(SELECT indica_order_facts(ARRAY(SELECT ROW(n.*)::conversions FROM new_orders n), 1, '{}')));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION indica_report_commissions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM indica_report_apply(ARRAY(SELECT indica_commission_facts(ARRAY(SELECT ROW(o.*)::commissions FROM old_commissions o), -1)));
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    PERFORM indica_report_apply(ARRAY(SELECT indica_commission_facts(ARRAY(SELECT ROW(n.*)::commissions FROM new_commissions n), 1)));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER report_clicks_inserted AFTER INSERT ON clicks REFERENCING NEW TABLE AS new_clicks FOR EACH STATEMENT EXECUTE FUNCTION indica_report_clicks_inserted();
--> statement-breakpoint
CREATE TRIGGER report_clicks_updated AFTER UPDATE ON clicks REFERENCING OLD TABLE AS old_clicks NEW TABLE AS new_clicks FOR EACH STATEMENT EXECUTE FUNCTION indica_report_clicks_updated();
--> statement-breakpoint
CREATE TRIGGER report_orders_inserted AFTER INSERT ON conversions REFERENCING NEW TABLE AS new_orders FOR EACH STATEMENT EXECUTE FUNCTION indica_report_orders_changed();
--> statement-breakpoint
CREATE TRIGGER report_orders_updated AFTER UPDATE ON conversions REFERENCING OLD TABLE AS old_orders NEW TABLE AS new_orders FOR EACH STATEMENT EXECUTE FUNCTION indica_report_orders_changed();
--> statement-breakpoint
CREATE TRIGGER report_orders_deleted AFTER DELETE ON conversions REFERENCING OLD TABLE AS old_orders FOR EACH STATEMENT EXECUTE FUNCTION indica_report_orders_changed();
--> statement-breakpoint
CREATE TRIGGER report_commissions_inserted AFTER INSERT ON commissions REFERENCING NEW TABLE AS new_commissions FOR EACH STATEMENT EXECUTE FUNCTION indica_report_commissions_changed();
--> statement-breakpoint
CREATE TRIGGER report_commissions_updated AFTER UPDATE ON commissions REFERENCING OLD TABLE AS old_commissions NEW TABLE AS new_commissions FOR EACH STATEMENT EXECUTE FUNCTION indica_report_commissions_changed();
--> statement-breakpoint
CREATE TRIGGER report_commissions_deleted AFTER DELETE ON commissions REFERENCING OLD TABLE AS old_commissions FOR EACH STATEMENT EXECUTE FUNCTION indica_report_commissions_changed();
--> statement-breakpoint
-- Rollups hold only counts and sums per key: no personal data. They are tenant rows all the same.
SELECT indica_protect_tenant_table('report_hourly');
--> statement-breakpoint
SELECT indica_protect_tenant_table('report_daily');

--> statement-breakpoint
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
