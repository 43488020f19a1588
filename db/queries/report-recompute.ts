/**
 * The rollups recomputed from the raw tables with plain GROUP BYs, written independently of the triggers
 * that maintain them (migration 0016): the exactness test compares the two, the bench builds its rollups
 * with it, and `rebuildRollups` uses it after a tenant's time zone changes. Parameter $1: the tenant id.
 */
export type Grain = "hour" | "day";

const METRICS = "clicks, visitors, duplicates, flagged, conversions, revenue, commissions, commission, refunded";
const KEY = "campaign_id, affiliate_id, sub1, country, device, currency";

/** A SELECT of `tenant_id, <hour|day>, <key>, <metrics>` for one tenant, ordered by the primary key. */
export function rollupFromRawSql(grain: Grain): string {
  const bucket = (at: string) =>
    grain === "hour" ? `date_trunc('hour', ${at} AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'` : `(${at} AT TIME ZONE tz.timezone)::date`;
  return `
    WITH tz AS (SELECT timezone FROM tenants WHERE id = $1),
    c AS (
      SELECT k.*, coalesce(k.sub_ids ->> 'sub1', '') AS s1, coalesce(k.country, '') AS ctry, indica_device_of(k.user_agent) AS dev,
        (k.clicked_at AT TIME ZONE tz.timezone)::date AS local_day
      FROM clicks k, tz WHERE k.tenant_id = $1
    ),
    firsts AS (
      SELECT min(clicked_at) AS at, campaign_id, affiliate_id, s1, ctry, dev FROM c
      GROUP BY visitor_id, local_day, campaign_id, affiliate_id, s1, ctry, dev
    ),
    o AS (
      SELECT cv.id, cv.tenant_id, cv.occurred_at, cv.amount, cv.currency, coalesce(cv.matched_affiliate_id, '') AS affiliate_id,
        coalesce(mk.campaign_id, cp.campaign_id, '') AS campaign_id, coalesce(mk.sub_ids ->> 'sub1', '') AS s1,
        coalesce(mk.country, '') AS ctry, CASE WHEN mk.id IS NULL THEN '' ELSE indica_device_of(mk.user_agent) END AS dev,
        coalesce(rf.amount, 0) AS refunded
      FROM conversions cv
      -- Refunds count with their order, in the order's currency (a refund in another currency is never applied).
      LEFT JOIN (SELECT order_id, currency, sum(amount) AS amount FROM refunds WHERE tenant_id = $1 GROUP BY 1, 2) rf
        ON rf.order_id = cv.order_id AND rf.currency = cv.currency
      LEFT JOIN clicks mk ON mk.tenant_id = cv.tenant_id AND mk.id = cv.matched_click_id AND mk.clicked_at = cv.matched_click_at
      LEFT JOIN coupons cp ON cv.identity_source = 'coupon' AND cp.tenant_id = cv.tenant_id AND upper(cp.code) = upper(cv.coupon)
      WHERE cv.tenant_id = $1 AND cv.status <> 'cancelled'
    ),
    facts AS (
      SELECT ${bucket("c.clicked_at")} AS b, c.campaign_id, c.affiliate_id, c.s1, c.ctry, c.dev, '' AS currency,
        1 AS clicks, 0 AS visitors, c.is_duplicate::int AS duplicates, c.flagged::int AS flagged, 0 AS conversions, 0::bigint AS revenue, 0 AS commissions, 0::bigint AS commission,
        0::bigint AS refunded
      FROM c, tz
      UNION ALL
      SELECT ${bucket("f.at")}, f.campaign_id, f.affiliate_id, f.s1, f.ctry, f.dev, '', 0, 1, 0, 0, 0, 0, 0, 0, 0 FROM firsts f, tz
      UNION ALL
      SELECT ${bucket("o.occurred_at")}, o.campaign_id, o.affiliate_id, o.s1, o.ctry, o.dev, o.currency, 0, 0, 0, 0, 1, o.amount, 0, 0, o.refunded FROM o, tz
      UNION ALL
      SELECT ${bucket("o.occurred_at")}, cm.campaign_id, cm.affiliate_id, o.s1, o.ctry, o.dev, cm.currency, 0, 0, 0, 0, 0, 0, 1, cm.amount - cm.reversed_amount, 0
      FROM o JOIN commissions cm ON cm.tenant_id = o.tenant_id AND cm.conversion_id = o.id AND cm.status <> 'rejected', tz
    )
    SELECT $1::text AS tenant_id, b AS ${grain}, campaign_id, affiliate_id, s1 AS sub1, ctry AS country, dev AS device, currency,
      sum(clicks)::bigint AS clicks, sum(visitors)::bigint AS visitors, sum(duplicates)::bigint AS duplicates, sum(flagged)::bigint AS flagged,
      sum(conversions)::bigint AS conversions, sum(revenue)::bigint AS revenue, sum(commissions)::bigint AS commissions, sum(commission)::bigint AS commission,
      sum(refunded)::bigint AS refunded
    FROM facts GROUP BY b, campaign_id, affiliate_id, s1, ctry, dev, currency
    ORDER BY b, campaign_id, affiliate_id, s1, ctry, dev, currency`;
}

/** The rollup rows of one tenant as stored, in the same order and shape, rows of all zeros left out. */
export function storedRollupSql(grain: Grain): string {
  const table = grain === "hour" ? "report_hourly" : "report_daily";
  return `SELECT tenant_id, ${grain}, ${KEY}, ${METRICS} FROM ${table}
    WHERE tenant_id = $1 AND (${METRICS}) <> (0, 0, 0, 0, 0, 0, 0, 0, 0)
    ORDER BY ${grain}, ${KEY}`;
}

/**
 * Replaces a tenant's rollups with a recomputation (the bench; after a change of the tenant's time zone).
 * Only for tenants whose raw rows are all still retained: days past retention would be lost.
 */
export function rebuildRollupsSql(grain: Grain): string[] {
  const table = grain === "hour" ? "report_hourly" : "report_daily";
  return [`DELETE FROM ${table} WHERE tenant_id = $1`, `INSERT INTO ${table} (tenant_id, ${grain}, ${KEY}, ${METRICS}) ${rollupFromRawSql(grain)}`];
}
