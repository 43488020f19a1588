/**
 * The summary report in one set-based query: clicks, orders and commissions of the range become one
 * stream of facts keyed by the chosen grouping, then counted per key and summed per key and currency.
 * Orders are credited by the day they occurred and the affiliate they were matched to; commissions
 * follow their order's day, and belong to the affiliate (and campaign) they were paid to.
 */
import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Executor } from "../../../../db/client";
import { conversionCampaign, conversionSubIds, joinConversionTouch } from "../../../../db/queries/conversion-touch";

export type GroupBy = "day" | "campaign" | "affiliate" | "subId";

export interface SummaryParams {
  tenantId: string;
  timezone: string;
  /** Days in the merchant's zone, both included. */
  from: string;
  to: string;
  groupBy: GroupBy;
  subIdKey: string;
  campaignId?: string;
  affiliateId?: string;
  /** Affiliate users: only their own rows. */
  onlyAffiliate: string | null;
}

export type SummaryRow = {
  key: string | null;
  clicks: string;
  unique_visitors: string;
  flagged_clicks: string;
  conversions: string;
  /** Of `conversions`, the orders matched to a stored click (not coupon-only or unmatched ones). */
  conversions_from_clicks: string;
  /** Per currency: gross revenue, what refunds gave back of those orders, commissions net of reversals. */
  amounts: { currency: string; revenue: number; refunded: number; commission: number }[];
};

/** The key of each source (clicks `c`, orders `cv`, commissions `cm` joined to their order) per grouping. */
function keys(p: SummaryParams): { click: SQL; order: SQL; commission: SQL } {
  const dayOf = (column: string) => sql`to_char(${sql.raw(column)} AT TIME ZONE ${p.timezone}, 'YYYY-MM-DD')`;
  switch (p.groupBy) {
    case "day":
      return { click: dayOf("c.clicked_at"), order: dayOf("cv.occurred_at"), commission: dayOf("cv.occurred_at") };
    case "campaign":
      return { click: sql`c.campaign_id`, order: sql`cv.campaign_id`, commission: sql`cm.campaign_id` };
    case "affiliate":
      return { click: sql`c.affiliate_id`, order: sql`cv.matched_affiliate_id`, commission: sql`cm.affiliate_id` };
    case "subId":
      return { click: sql`c.sub_ids ->> ${p.subIdKey}`, order: sql`cv.sub_ids ->> ${p.subIdKey}`, commission: sql`cv.sub_ids ->> ${p.subIdKey}` };
  }
}

/** `column = value` for each filter that is set, for the given columns of one source. */
function filters(p: SummaryParams, campaign: string, affiliate: string): SQL {
  const parts = [
    p.campaignId ? sql`${sql.raw(campaign)} = ${p.campaignId}` : null,
    p.affiliateId ? sql`${sql.raw(affiliate)} = ${p.affiliateId}` : null,
    p.onlyAffiliate ? sql`${sql.raw(affiliate)} = ${p.onlyAffiliate}` : null,
  ].filter((s): s is SQL => s !== null);
  return parts.length ? sql.join(parts, sql` AND `) : sql`true`;
}

export async function summary(db: Executor, p: SummaryParams): Promise<SummaryRow[]> {
  const k = keys(p);
  const start = sql`(${p.from}::date::timestamp AT TIME ZONE ${p.timezone})`;
  const end = sql`((${p.to}::date + 1)::timestamp AT TIME ZONE ${p.timezone})`;
  const result = await db.execute<SummaryRow>(sql`
    WITH cv AS (
      SELECT o.id, o.tenant_id, o.amount, o.currency, o.matched_affiliate_id, o.occurred_at,
        ${conversionCampaign("o")} AS campaign_id, ${conversionSubIds("o")} AS sub_ids, (o_click.id IS NOT NULL)::int AS from_click,
        -- As the rollups (migration 0025): the order's refunds in its currency, with the order's key.
        (SELECT coalesce(sum(r.amount), 0) FROM refunds r WHERE r.tenant_id = o.tenant_id AND r.order_id = o.order_id AND r.currency = o.currency) AS refunded
      FROM conversions o ${joinConversionTouch("o")}
      WHERE o.tenant_id = ${p.tenantId} AND o.status <> 'cancelled' AND o.occurred_at >= ${start} AND o.occurred_at < ${end}
    ),
    facts AS (
      SELECT ${k.click} AS key, 1 AS clicks, c.visitor_id, CASE WHEN c.flagged THEN 1 ELSE 0 END AS flagged, 0 AS orders, 0 AS from_click,
        NULL::text AS currency, 0::bigint AS revenue, 0::bigint AS refunded, 0::bigint AS commission
      FROM clicks c
      WHERE c.tenant_id = ${p.tenantId} AND c.clicked_at >= ${start} AND c.clicked_at < ${end} AND ${filters(p, "c.campaign_id", "c.affiliate_id")}
      UNION ALL
      SELECT ${k.order}, 0, NULL, 0, 1, cv.from_click, cv.currency, cv.amount, cv.refunded, 0
      FROM cv WHERE ${filters(p, "cv.campaign_id", "cv.matched_affiliate_id")}
      UNION ALL
      SELECT ${k.commission}, 0, NULL, 0, 0, 0, cm.currency, 0, 0, cm.amount - cm.reversed_amount
      FROM commissions cm JOIN cv ON cm.tenant_id = cv.tenant_id AND cm.conversion_id = cv.id
      WHERE cm.tenant_id = ${p.tenantId} AND cm.status <> 'rejected' AND ${filters(p, "cm.campaign_id", "cm.affiliate_id")}
    ),
    counts AS (
      SELECT key, sum(clicks) AS clicks, count(DISTINCT visitor_id) AS unique_visitors, sum(flagged) AS flagged_clicks, sum(orders) AS conversions,
        sum(from_click) AS conversions_from_clicks
      FROM facts GROUP BY key
    ),
    money AS (
      SELECT key, currency, sum(revenue)::bigint AS revenue, sum(refunded)::bigint AS refunded, sum(commission)::bigint AS commission
      FROM facts WHERE currency IS NOT NULL GROUP BY key, currency
    )
    SELECT c.key, c.clicks, c.unique_visitors, c.flagged_clicks, c.conversions, c.conversions_from_clicks,
      coalesce((SELECT json_agg(json_build_object('currency', m.currency, 'revenue', m.revenue, 'refunded', m.refunded, 'commission', m.commission) ORDER BY m.currency)
        FROM money m WHERE m.key IS NOT DISTINCT FROM c.key), '[]'::json) AS amounts
    FROM counts c
    ORDER BY c.key NULLS LAST`);
  return rowsOf(result);
}
