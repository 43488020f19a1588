-- Same rollup trigger as 0017; only the lookup of a visitor's earlier clicks that day changes shape, so its
-- plan no longer depends on the clicks partition having statistics (see the comment in the query).
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
