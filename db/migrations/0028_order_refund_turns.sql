-- An order and a refund of it written by two transactions at once missed each other in the rollups: the
-- order's delta carries the refunds it can see (0025), a refund counts only under an order it can see, and
-- neither transaction saw the other's uncommitted row, so the refund counted nowhere (docs/reporting.md
-- named this limit). Now both triggers first take a transaction lock per tenant and order id, so the second
-- waits for the first to commit and its next statement, with a fresh snapshot in READ COMMITTED, sees the
-- other's row: the refund counts exactly once, whichever commits first. The locks are taken in the order of
-- their hash, which is the lock's identity, so two statements never wait on each other's sets. (Two
-- transactions that each lock orders in two statements, crossed, can still deadlock: PostgreSQL aborts one
-- and the queue delivers its batch again, as for the clicks trigger's locks.)
-- Namespace 74301 beside the clicks trigger's 74300 (per visitor).
CREATE FUNCTION indica_lock_orders(keys text[]) RETURNS void LANGUAGE sql AS $$
  SELECT count(pg_advisory_xact_lock(74301, s.h)) FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest(keys) k ORDER BY 1) s
$$;
--> statement-breakpoint
-- As 0017, with the lock.
CREATE OR REPLACE FUNCTION indica_report_orders_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM indica_lock_orders(ARRAY(SELECT n.tenant_id || '|' || n.order_id FROM new_orders n));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM indica_lock_orders(ARRAY(SELECT o.tenant_id || '|' || o.order_id FROM old_orders o));
  ELSE
    PERFORM indica_lock_orders(ARRAY(SELECT o.tenant_id || '|' || o.order_id FROM old_orders o UNION SELECT n.tenant_id || '|' || n.order_id FROM new_orders n));
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM indica_report_apply(ARRAY(SELECT indica_order_facts(ARRAY(SELECT ROW(o.*)::conversions FROM old_orders o), -1, '{}')));
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    PERFORM indica_report_apply(ARRAY(SELECT indica_order_facts(ARRAY(SELECT ROW(n.*)::conversions FROM new_orders n), 1, '{}')));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- As 0025, with the lock.
CREATE OR REPLACE FUNCTION indica_report_refunds_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM indica_lock_orders(ARRAY(SELECT n.tenant_id || '|' || n.order_id FROM new_refunds n));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM indica_lock_orders(ARRAY(SELECT o.tenant_id || '|' || o.order_id FROM old_refunds o));
  ELSE
    PERFORM indica_lock_orders(ARRAY(SELECT o.tenant_id || '|' || o.order_id FROM old_refunds o UNION SELECT n.tenant_id || '|' || n.order_id FROM new_refunds n));
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM indica_report_apply(ARRAY(SELECT indica_refund_facts(ARRAY(SELECT ROW(o.*)::refunds FROM old_refunds o), -1)));
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    PERFORM indica_report_apply(ARRAY(SELECT indica_refund_facts(ARRAY(SELECT ROW(n.*)::refunds FROM new_refunds n), 1)));
  END IF;
  RETURN NULL;
END $$;
