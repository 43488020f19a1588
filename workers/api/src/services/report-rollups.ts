/**
 * The summary report from the rollups (migration 0016) instead of the raw tables: one GROUP BY over a
 * tenant's days (report_daily, days in the merchant's zone) or hours (report_hourly). Unique visitors are
 * distinct per day and per campaign × affiliate × sub1 × country × device, summed (docs/reporting.md).
 * Refunds are in the rows of the orders they refund (migration 0025), so `revenue - refunded` is net.
 */
import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Executor } from "../../../../db/client";
import type { SummaryRow } from "./report-summary";

export type RollupGroupBy = "day" | "hour" | "campaign" | "affiliate" | "subId" | "country" | "device";

export interface RollupParams {
  tenantId: string;
  timezone: string;
  from: string;
  to: string;
  groupBy: RollupGroupBy;
  campaignId?: string;
  affiliateId?: string;
  sub1?: string;
  country?: string;
  device?: string;
  onlyAffiliate: string | null;
}

function keyOf(p: RollupParams): SQL {
  switch (p.groupBy) {
    case "day":
      return sql`to_char(r.day, 'YYYY-MM-DD')`;
    case "hour":
      return sql`to_char(r.hour AT TIME ZONE ${p.timezone}, 'YYYY-MM-DD"T"HH24:00')`;
    case "campaign":
      return sql`nullif(r.campaign_id, '')`;
    case "affiliate":
      return sql`nullif(r.affiliate_id, '')`;
    case "subId":
      return sql`nullif(r.sub1, '')`;
    case "country":
      return sql`nullif(r.country, '')`;
    case "device":
      return sql`nullif(r.device, '')`;
  }
}

function where(p: RollupParams): SQL {
  const range =
    p.groupBy === "hour"
      ? sql`r.hour >= (${p.from}::date::timestamp AT TIME ZONE ${p.timezone}) AND r.hour < ((${p.to}::date + 1)::timestamp AT TIME ZONE ${p.timezone})`
      : sql`r.day BETWEEN ${p.from}::date AND ${p.to}::date`;
  const parts = [
    sql`r.tenant_id = ${p.tenantId}`,
    range,
    p.campaignId ? sql`r.campaign_id = ${p.campaignId}` : null,
    p.affiliateId ? sql`r.affiliate_id = ${p.affiliateId}` : null,
    p.onlyAffiliate ? sql`r.affiliate_id = ${p.onlyAffiliate}` : null,
    p.sub1 !== undefined ? sql`r.sub1 = ${p.sub1}` : null,
    p.country ? sql`r.country = ${p.country}` : null,
    p.device ? sql`r.device = ${p.device}` : null,
  ].filter((s): s is SQL => s !== null);
  return sql.join(parts, sql` AND `);
}

export async function rollupSummary(db: Executor, p: RollupParams): Promise<SummaryRow[]> {
  const table = p.groupBy === "hour" ? sql`report_hourly` : sql`report_daily`;
  const result = await db.execute<SummaryRow>(sql`
    WITH g AS (
      SELECT ${keyOf(p)} AS key, r.currency, sum(r.clicks) AS clicks, sum(r.visitors) AS visitors, sum(r.flagged) AS flagged,
        sum(r.conversions) AS conversions,
        -- An order's row has a device only when its matched click was found (indica_order_keys): orders from clicks.
        sum(r.conversions) FILTER (WHERE r.device <> '') AS conversions_from_clicks,
        sum(r.revenue) AS revenue, sum(r.refunded) AS refunded, sum(r.commissions) AS commissions,
        sum(r.commission) AS commission
      FROM ${table} r WHERE ${where(p)}
      GROUP BY 1, 2
    )
    SELECT key, sum(clicks) AS clicks, sum(visitors) AS unique_visitors, sum(flagged) AS flagged_clicks, sum(conversions) AS conversions,
      coalesce(sum(conversions_from_clicks), 0) AS conversions_from_clicks,
      coalesce(json_agg(json_build_object('currency', currency, 'revenue', revenue, 'refunded', refunded, 'commission', commission) ORDER BY currency)
        FILTER (WHERE currency <> '' AND (conversions + commissions > 0 OR refunded <> 0)), '[]'::json) AS amounts
    FROM g
    GROUP BY key
    HAVING sum(clicks) + sum(conversions) + sum(commissions) > 0
    ORDER BY key NULLS LAST`);
  return rowsOf(result);
}
