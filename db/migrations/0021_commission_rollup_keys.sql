-- The commissions rollup trigger (0017) keyed each commission by its order through indica_commission_facts,
-- a SQL function, which PostgreSQL plans again on every call (twice nested here), and which first packed the
-- new rows and their orders into arrays to unnest them again. Same deltas, found with less work: the trigger's
-- own statements read the transition tables directly and plpgsql keeps their plans for the session.
-- (Giving the click lookup its partition key, derived from the click id's time, was measured slower on the
-- attribution bench's data: run-time pruning per order cost more than probing months without matching rows.)

-- What a commission of an order is keyed by in the rollups: the order's time and its matched click's sub1,
-- country and device (as indica_order_keys), no row for a cancelled or missing order. Inlined into the
-- trigger's statement; the LIMITs keep it a nested lookup per order (a hash join would read whole tables).
CREATE FUNCTION indica_order_dims(of_tenant text, of_order text)
RETURNS TABLE (occurred_at timestamptz, sub1 text, country text, device text)
LANGUAGE sql STABLE AS $$
  SELECT cv.occurred_at, coalesce(k.sub_ids ->> 'sub1', ''), coalesce(k.country, ''),
    CASE WHEN k.found IS NULL THEN '' ELSE indica_device_of(k.user_agent) END
  FROM conversions cv
  LEFT JOIN LATERAL (SELECT true AS found, c.sub_ids, c.country, c.user_agent FROM clicks c
    WHERE c.tenant_id = cv.tenant_id AND c.id = cv.matched_click_id LIMIT 1) k ON true
  WHERE cv.tenant_id = of_tenant AND cv.id = of_order AND cv.status <> 'cancelled'
  LIMIT 1
$$;
--> statement-breakpoint
-- As indica_commission_facts for each transition table: the changed commissions that are not rejected, each
-- order looked up once (a batch has several commissions per order), times -1 for the old rows, +1 for the new.
CREATE OR REPLACE FUNCTION indica_report_commissions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM indica_report_apply(ARRAY(
      WITH cm AS MATERIALIZED (SELECT tenant_id, conversion_id, campaign_id, affiliate_id, currency, amount - reversed_amount AS net
        FROM old_commissions WHERE status <> 'rejected'),
      o AS MATERIALIZED (SELECT r.tenant_id, r.conversion_id, d.* FROM (SELECT DISTINCT tenant_id, conversion_id FROM cm) r
        CROSS JOIN LATERAL indica_order_dims(r.tenant_id, r.conversion_id) d)
      SELECT ROW(cm.tenant_id, o.occurred_at, cm.campaign_id, cm.affiliate_id, o.sub1, o.country, o.device, cm.currency,
        0, 0, 0, 0, 0, 0, -1, -cm.net)::indica_report_delta
      FROM cm JOIN o ON o.tenant_id = cm.tenant_id AND o.conversion_id = cm.conversion_id));
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    PERFORM indica_report_apply(ARRAY(
      WITH cm AS MATERIALIZED (SELECT tenant_id, conversion_id, campaign_id, affiliate_id, currency, amount - reversed_amount AS net
        FROM new_commissions WHERE status <> 'rejected'),
      o AS MATERIALIZED (SELECT r.tenant_id, r.conversion_id, d.* FROM (SELECT DISTINCT tenant_id, conversion_id FROM cm) r
        CROSS JOIN LATERAL indica_order_dims(r.tenant_id, r.conversion_id) d)
      SELECT ROW(cm.tenant_id, o.occurred_at, cm.campaign_id, cm.affiliate_id, o.sub1, o.country, o.device, cm.currency,
        0, 0, 0, 0, 0, 0, 1, cm.net)::indica_report_delta
      FROM cm JOIN o ON o.tenant_id = cm.tenant_id AND o.conversion_id = cm.conversion_id));
  END IF;
  RETURN NULL;
END $$;
