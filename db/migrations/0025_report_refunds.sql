-- Report revenue net of refunds. The rollups counted an order's gross amount as `revenue`; refunds (the
-- refunds table, partial ones included) were only visible in commissions, which already count net of
-- reversals. Now each rollup row also carries `refunded`: what the refunds of its orders gave back, keyed like
-- the order they refund (the tenant, the hour or merchant-local day of the ORDER's occurred_at, its matched
-- click's campaign, sub1, country and device, its affiliate, its currency), so gross, refunded and net
-- revenue of any report row come from the same orders. `revenue` keeps its meaning (gross) so existing
-- clients and exports read what they always did.
--
-- What counts: every stored refund of an order that is not cancelled (a cancelled order contributes
-- nothing, refunds included), in the order's currency (a refund stored before its order in another currency
-- is never applied to commissions either: store-refunds.ts). Refunds are summed as sent, not capped at the
-- order's amount: a sum is additive, so two refunds of one order committed concurrently each add their own
-- amount and the rollup stays exact without a lock (a cap would make each depend on the other's rows).
-- A redelivered refund is not stored twice (refunds_tenant_key), so it is not counted twice.
--
-- Who moves `refunded`, all through the same deltas noted at commit (0022):
-- - refunds: a new statement trigger adds (or, for scripts that update or delete refunds, moves) the
--   refund's amount under its order's keys; a refund of an order not stored yet adds nothing there.
-- - orders: indica_order_facts carries the order's refunds, so an order stored after its refunds brings them
--   along, a cancellation takes them out, and re-keying (late attribution, a click stored after its order)
--   moves them with the order.
-- Limit: an order and a refund of it stored by two transactions at the same moment each miss the other's
-- uncommitted row, so the refund is not counted (the queue consumer stores a batch's orders and refunds in
-- one transaction; two invocations would have to race on one order). rebuildRollupsSql repairs a tenant.

ALTER TABLE "report_daily" ADD COLUMN "refunded" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "report_hourly" ADD COLUMN "refunded" bigint DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- The delta gains the refunded amount. report_pending (0022) holds arrays of this type; it is empty between
-- transactions, and a row noted before this change reads the new attribute as NULL (coalesced below).
ALTER TYPE indica_report_delta ADD ATTRIBUTE refunded bigint;
--> statement-breakpoint
-- As 0017, with `refunded`.
CREATE OR REPLACE FUNCTION indica_report_apply_now(deltas indica_report_delta[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(deltas), 0) = 0 THEN RETURN; END IF;
  INSERT INTO report_hourly AS r (tenant_id, hour, campaign_id, affiliate_id, sub1, country, device, currency,
    clicks, visitors, duplicates, flagged, conversions, revenue, commissions, commission, refunded)
  SELECT d.tenant_id, date_trunc('hour', d.at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', d.campaign_id, d.affiliate_id, d.sub1, d.country, d.device, d.currency,
    sum(d.clicks), sum(d.visitors), sum(d.duplicates), sum(d.flagged), sum(d.conversions), sum(d.revenue), sum(d.commissions), sum(d.commission),
    coalesce(sum(d.refunded), 0)
  FROM unnest(deltas) d
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  HAVING sum(abs(d.clicks) + abs(d.visitors) + abs(d.duplicates) + abs(d.flagged) + abs(d.conversions) + abs(d.revenue) + abs(d.commissions) + abs(d.commission)
    + abs(coalesce(d.refunded, 0))) > 0
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT (tenant_id, hour, campaign_id, affiliate_id, sub1, country, device, currency) DO UPDATE SET
    clicks = r.clicks + excluded.clicks, visitors = r.visitors + excluded.visitors, duplicates = r.duplicates + excluded.duplicates,
    flagged = r.flagged + excluded.flagged, conversions = r.conversions + excluded.conversions, revenue = r.revenue + excluded.revenue,
    commissions = r.commissions + excluded.commissions, commission = r.commission + excluded.commission, refunded = r.refunded + excluded.refunded;
  INSERT INTO report_daily AS r (tenant_id, day, campaign_id, affiliate_id, sub1, country, device, currency,
    clicks, visitors, duplicates, flagged, conversions, revenue, commissions, commission, refunded)
  SELECT d.tenant_id, (d.at AT TIME ZONE t.timezone)::date, d.campaign_id, d.affiliate_id, d.sub1, d.country, d.device, d.currency,
    sum(d.clicks), sum(d.visitors), sum(d.duplicates), sum(d.flagged), sum(d.conversions), sum(d.revenue), sum(d.commissions), sum(d.commission),
    coalesce(sum(d.refunded), 0)
  FROM unnest(deltas) d JOIN tenants t ON t.id = d.tenant_id
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  HAVING sum(abs(d.clicks) + abs(d.visitors) + abs(d.duplicates) + abs(d.flagged) + abs(d.conversions) + abs(d.revenue) + abs(d.commissions) + abs(d.commission)
    + abs(coalesce(d.refunded, 0))) > 0
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT (tenant_id, day, campaign_id, affiliate_id, sub1, country, device, currency) DO UPDATE SET
    clicks = r.clicks + excluded.clicks, visitors = r.visitors + excluded.visitors, duplicates = r.duplicates + excluded.duplicates,
    flagged = r.flagged + excluded.flagged, conversions = r.conversions + excluded.conversions, revenue = r.revenue + excluded.revenue,
    commissions = r.commissions + excluded.commissions, commission = r.commission + excluded.commission, refunded = r.refunded + excluded.refunded;
END $$;
--> statement-breakpoint
-- As 0024, plus the merchant's order id, which refunds name their order by. A new output column needs the
-- function dropped first; its callers are SQL and plpgsql bodies, which hold no dependency on it.
DROP FUNCTION indica_order_keys(conversions[], text[]);
--> statement-breakpoint
CREATE FUNCTION indica_order_keys(orders conversions[], hidden_clicks text[])
RETURNS TABLE (tenant_id text, id text, occurred_at timestamptz, status text, amount bigint, currency text, affiliate_id text,
  campaign_id text, sub1 text, country text, device text, order_id text)
LANGUAGE sql STABLE AS $$
  SELECT o.tenant_id, o.id, o.occurred_at, o.status, o.amount, o.currency, coalesce(o.matched_affiliate_id, ''),
    coalesce(k.campaign_id, cp.campaign_id, ''), coalesce(k.sub_ids ->> 'sub1', ''), coalesce(k.country, ''),
    CASE WHEN k.id IS NULL THEN '' ELSE indica_device_of(k.user_agent) END, o.order_id
  FROM unnest(orders) o
  LEFT JOIN LATERAL (SELECT c.id, c.campaign_id, c.sub_ids, c.country, c.user_agent FROM clicks c
    WHERE c.tenant_id = o.tenant_id AND c.id = o.matched_click_id AND c.clicked_at = o.matched_click_at AND c.id <> ALL(hidden_clicks) LIMIT 1) k ON true
  LEFT JOIN coupons cp ON o.identity_source = 'coupon' AND cp.tenant_id = o.tenant_id AND upper(cp.code) = upper(o.coupon)
$$;
--> statement-breakpoint
-- As 0017; the order's row also carries what its refunds (in its currency) gave back, so whatever adds,
-- removes or re-keys an order moves its refunds with it. One probe of refunds_tenant_order_idx per order.
CREATE OR REPLACE FUNCTION indica_order_facts(orders conversions[], sign integer, hidden_clicks text[]) RETURNS SETOF indica_report_delta
LANGUAGE sql STABLE AS $$
  WITH o AS (SELECT * FROM indica_order_keys(orders, hidden_clicks) WHERE status <> 'cancelled')
  SELECT ROW(o.tenant_id, o.occurred_at, o.campaign_id, o.affiliate_id, o.sub1, o.country, o.device, o.currency,
    0, 0, 0, 0, sign, sign * o.amount, 0, 0,
    sign * (SELECT coalesce(sum(r.amount), 0) FROM refunds r WHERE r.tenant_id = o.tenant_id AND r.order_id = o.order_id AND r.currency = o.currency)
  )::indica_report_delta FROM o
  UNION ALL
  SELECT ROW(o.tenant_id, o.occurred_at, cm.campaign_id, cm.affiliate_id, o.sub1, o.country, o.device, cm.currency,
    0, 0, 0, 0, 0, 0, sign, sign * (cm.amount - cm.reversed_amount), 0)::indica_report_delta
  FROM o JOIN commissions cm ON cm.tenant_id = o.tenant_id AND cm.conversion_id = o.id AND cm.status <> 'rejected'
$$;
--> statement-breakpoint
-- As 0017 (no trigger calls it since 0021; kept valid for scripts), with the new attribute.
CREATE OR REPLACE FUNCTION indica_commission_facts(changed commissions[], sign integer) RETURNS SETOF indica_report_delta
LANGUAGE sql STABLE AS $$
  SELECT ROW(o.tenant_id, o.occurred_at, cm.campaign_id, cm.affiliate_id, o.sub1, o.country, o.device, cm.currency,
    0, 0, 0, 0, 0, 0, sign, sign * (cm.amount - cm.reversed_amount), 0)::indica_report_delta
  FROM unnest(changed) cm
  JOIN indica_order_keys(ARRAY(SELECT cv FROM conversions cv
    WHERE (cv.tenant_id, cv.id) IN (SELECT r.tenant_id, r.conversion_id FROM unnest(changed) r)), '{}') o
    ON o.tenant_id = cm.tenant_id AND o.id = cm.conversion_id
  WHERE o.status <> 'cancelled' AND cm.status <> 'rejected'
$$;
--> statement-breakpoint
-- Refund rows' contribution, keyed by their order as it stands now, times `sign`: nothing for an order not
-- stored yet (its insert brings the refund along), a cancelled one, or a refund in another currency.
CREATE FUNCTION indica_refund_facts(changed refunds[], sign integer) RETURNS SETOF indica_report_delta
LANGUAGE sql STABLE AS $$
  WITH r AS (SELECT tenant_id, order_id, currency::text AS currency, sum(amount) AS amount FROM unnest(changed) GROUP BY 1, 2, 3)
  SELECT ROW(o.tenant_id, o.occurred_at, o.campaign_id, o.affiliate_id, o.sub1, o.country, o.device, o.currency,
    0, 0, 0, 0, 0, 0, 0, 0, sign * r.amount)::indica_report_delta
  FROM r
  JOIN indica_order_keys(ARRAY(SELECT cv FROM conversions cv
    WHERE (cv.tenant_id, cv.order_id) IN (SELECT r.tenant_id, r.order_id FROM r)), '{}') o
    ON o.tenant_id = r.tenant_id AND o.order_id = r.order_id AND o.currency = r.currency
  WHERE o.status <> 'cancelled'
$$;
--> statement-breakpoint
-- The store only inserts refunds (idempotently: a redelivery inserts no row, so fires with no rows);
-- updates and deletes are scripts', and are followed all the same.
CREATE FUNCTION indica_report_refunds_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM indica_report_apply(ARRAY(SELECT indica_refund_facts(ARRAY(SELECT ROW(o.*)::refunds FROM old_refunds o), -1)));
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    PERFORM indica_report_apply(ARRAY(SELECT indica_refund_facts(ARRAY(SELECT ROW(n.*)::refunds FROM new_refunds n), 1)));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER report_refunds_inserted AFTER INSERT ON refunds REFERENCING NEW TABLE AS new_refunds FOR EACH STATEMENT EXECUTE FUNCTION indica_report_refunds_changed();
--> statement-breakpoint
CREATE TRIGGER report_refunds_updated AFTER UPDATE ON refunds REFERENCING OLD TABLE AS old_refunds NEW TABLE AS new_refunds FOR EACH STATEMENT EXECUTE FUNCTION indica_report_refunds_changed();
--> statement-breakpoint
CREATE TRIGGER report_refunds_deleted AFTER DELETE ON refunds REFERENCING OLD TABLE AS old_refunds FOR EACH STATEMENT EXECUTE FUNCTION indica_report_refunds_changed();
--> statement-breakpoint
-- The other rollup triggers, unchanged but for the new attribute (a row cast needs every attribute).
-- As 0023:
CREATE OR REPLACE FUNCTION indica_report_clicks_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
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
      -- The visitor's clicks are read by tenant and visitor alone (OFFSET 0 keeps the other conditions,
      -- the day included, out of that scan), so the (tenant, visitor, time) index is the only one that fits:
      -- one probe per month partition. With every condition in one scan, a partition without statistics
      -- yet (a new month, a new database) had the planner pick the (tenant, affiliate, time) or the
      -- (tenant, time) index and read every click of the affiliate or the tenant that day, per visitor.
      SELECT g.*, (SELECT min(o.clicked_at) FROM (
          SELECT v.id, v.clicked_at, v.campaign_id, v.affiliate_id, v.sub_ids, v.country, v.user_agent FROM clicks v
          WHERE v.tenant_id = g.tenant_id AND v.visitor_id = g.visitor_id
          OFFSET 0) o
          WHERE o.clicked_at >= (g.local_day::timestamp AT TIME ZONE g.timezone) AND o.clicked_at < ((g.local_day + 1)::timestamp AT TIME ZONE g.timezone)
            AND o.campaign_id = g.campaign_id AND o.affiliate_id = g.affiliate_id AND coalesce(o.sub_ids ->> 'sub1', '') = g.sub1
            AND coalesce(o.country, '') = g.country AND indica_device_of(o.user_agent) = g.device AND o.id <> ALL(new_ids)) AS first_old
      FROM (SELECT n.tenant_id, n.visitor_id, n.timezone, n.local_day, n.campaign_id, n.affiliate_id, n.sub1, n.country, n.device, min(n.clicked_at) AS first_new
            FROM n GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9) g
    )
    SELECT ROW(n.tenant_id, n.clicked_at, n.campaign_id, n.affiliate_id, n.sub1, n.country, n.device, '',
      1, 0, n.is_duplicate::int, n.flagged::int, 0, 0, 0, 0, 0)::indica_report_delta FROM n
    UNION ALL
    -- A new visitor for the day, or an earlier first click than the one counted: the count moves to its hour.
    SELECT ROW(f.tenant_id, f.first_new, f.campaign_id, f.affiliate_id, f.sub1, f.country, f.device, '', 0, 1, 0, 0, 0, 0, 0, 0, 0)::indica_report_delta
    FROM firsts f WHERE f.first_old IS NULL OR f.first_new < f.first_old
    UNION ALL
    SELECT ROW(f.tenant_id, f.first_old, f.campaign_id, f.affiliate_id, f.sub1, f.country, f.device, '', 0, -1, 0, 0, 0, 0, 0, 0, 0)::indica_report_delta
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
-- As 0017:
CREATE OR REPLACE FUNCTION indica_report_clicks_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM indica_report_apply(ARRAY(
    SELECT ROW(n.tenant_id, n.clicked_at, n.campaign_id, n.affiliate_id, coalesce(n.sub_ids ->> 'sub1', ''), coalesce(n.country, ''),
      indica_device_of(n.user_agent), '', 0, 0, n.is_duplicate::int - o.is_duplicate::int, n.flagged::int - o.flagged::int, 0, 0, 0, 0, 0)::indica_report_delta
    FROM old_clicks o JOIN new_clicks n ON n.id = o.id AND n.clicked_at = o.clicked_at
    WHERE n.is_duplicate IS DISTINCT FROM o.is_duplicate OR n.flagged IS DISTINCT FROM o.flagged));
  RETURN NULL;
END $$;
--> statement-breakpoint
-- As 0021:
CREATE OR REPLACE FUNCTION indica_report_commissions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM indica_report_apply(ARRAY(
      WITH cm AS MATERIALIZED (SELECT tenant_id, conversion_id, campaign_id, affiliate_id, currency, amount - reversed_amount AS net
        FROM old_commissions WHERE status <> 'rejected'),
      o AS MATERIALIZED (SELECT r.tenant_id, r.conversion_id, d.* FROM (SELECT DISTINCT tenant_id, conversion_id FROM cm) r
        CROSS JOIN LATERAL indica_order_dims(r.tenant_id, r.conversion_id) d)
      SELECT ROW(cm.tenant_id, o.occurred_at, cm.campaign_id, cm.affiliate_id, o.sub1, o.country, o.device, cm.currency,
        0, 0, 0, 0, 0, 0, -1, -cm.net, 0)::indica_report_delta
      FROM cm JOIN o ON o.tenant_id = cm.tenant_id AND o.conversion_id = cm.conversion_id));
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    PERFORM indica_report_apply(ARRAY(
      WITH cm AS MATERIALIZED (SELECT tenant_id, conversion_id, campaign_id, affiliate_id, currency, amount - reversed_amount AS net
        FROM new_commissions WHERE status <> 'rejected'),
      o AS MATERIALIZED (SELECT r.tenant_id, r.conversion_id, d.* FROM (SELECT DISTINCT tenant_id, conversion_id FROM cm) r
        CROSS JOIN LATERAL indica_order_dims(r.tenant_id, r.conversion_id) d)
      SELECT ROW(cm.tenant_id, o.occurred_at, cm.campaign_id, cm.affiliate_id, o.sub1, o.country, o.device, cm.currency,
        0, 0, 0, 0, 0, 0, 1, cm.net, 0)::indica_report_delta
      FROM cm JOIN o ON o.tenant_id = cm.tenant_id AND o.conversion_id = cm.conversion_id));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Backfill: the refunds stored so far, under their orders' keys as they stand, straight into the rollups
-- (nothing else writes in this transaction). Orders whose click retention already removed are keyed
-- without it, as a status change of such an order would be (docs/reporting.md).
SELECT indica_report_apply_now(ARRAY(
  SELECT indica_refund_facts(ARRAY(SELECT r FROM refunds r), 1)));
