/** Reading orders: the tenant's, filtered, with the campaign they are credited to. */
import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Executor } from "../../../../db/client";
import { clickRecorded, conversionCampaign, joinConversionTouch } from "../../../../db/queries/conversion-touch";
import { rangeEnd, rangeStart, tenantZone } from "../routes/v1/time-range";

export type ConversionRow = {
  id: string;
  order_id: string;
  status: string;
  source: string;
  amount: string;
  currency: string;
  items: { sku: string; name?: string; category?: string; quantity: number; unitAmount: number }[] | null;
  default_currency_amount: string | null;
  coupon: string | null;
  /** Whose coupon `coupon` is (null: no affiliate's, or none): an affiliate user sees only their own. */
  coupon_affiliate_id: string | null;
  campaign_id: string | null;
  matched_affiliate_id: string | null;
  matched_click_id: string | null;
  /** Null when the order names no click; false when the click it names is not stored (yet). */
  click_recorded: boolean | null;
  identity_source: string | null;
  subscription_id: string | null;
  renewal: number | null;
  occurred_at: string | Date;
  received_at: string | Date;
  email_hash: string | null;
  customer_id_hash: string | null;
  visitor_id: string | null;
  fraud_score: number;
  fraud_reasons: string[];
  flagged: boolean;
  review_status: string | null;
};

export interface ConversionFilter {
  status?: string;
  campaignId?: string;
  affiliateId?: string;
  orderId?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit: number;
}

/** Orders an affiliate user may see: matched to them, or sharing commission with them (split models). */
const attributedTo = (affiliateId: string): SQL =>
  sql`(cv.matched_affiliate_id = ${affiliateId} OR EXISTS (SELECT 1 FROM commissions cm WHERE cm.tenant_id = cv.tenant_id AND cm.conversion_id = cv.id AND cm.affiliate_id = ${affiliateId}))`;

async function selectConversions(db: Executor, tenantId: string, conditions: SQL[], limit: number): Promise<ConversionRow[]> {
  const result = await db.execute<ConversionRow>(sql`
    SELECT cv.id, cv.order_id, cv.status, cv.source, cv.amount, cv.currency, cv.items, cv.default_currency_amount, cv.coupon, cv_coupon_owner.affiliate_id AS coupon_affiliate_id,
      ${conversionCampaign("cv")} AS campaign_id, cv.matched_affiliate_id, cv.matched_click_id, ${clickRecorded("cv")} AS click_recorded, cv.identity_source,
      cv.subscription_id, cv.renewal, cv.occurred_at, cv.received_at, cv.email_hash, cv.customer_id_hash, cv.visitor_id,
      cv.fraud_score, cv.fraud_reasons, cv.flagged, cv.review_status
    FROM conversions cv ${joinConversionTouch("cv")}
    LEFT JOIN LATERAL (SELECT cp.affiliate_id FROM coupons cp WHERE cp.tenant_id = cv.tenant_id AND upper(cp.code) = upper(cv.coupon) LIMIT 1) cv_coupon_owner ON true
    WHERE ${sql.join([sql`cv.tenant_id = ${tenantId}`, ...conditions], sql` AND `)}
    ORDER BY cv.id
    LIMIT ${limit}`);
  return rowsOf(result);
}

/** A page of orders, oldest first (`limit + 1` rows, for the next cursor). */
export function listConversions(db: Executor, tenantId: string, f: ConversionFilter, onlyAffiliate: string | null): Promise<ConversionRow[]> {
  const zone = tenantZone(tenantId);
  const conditions = [
    onlyAffiliate ? attributedTo(onlyAffiliate) : null,
    f.status ? sql`cv.status = ${f.status}` : null,
    f.campaignId ? sql`${conversionCampaign("cv")} = ${f.campaignId}` : null,
    f.affiliateId ? sql`cv.matched_affiliate_id = ${f.affiliateId}` : null,
    f.orderId ? sql`cv.order_id = ${f.orderId}` : null,
    f.from ? sql`cv.occurred_at >= ${rangeStart(f.from, zone)}` : null,
    f.to ? sql`cv.occurred_at < ${rangeEnd(f.to, zone)}` : null,
    f.cursor ? sql`cv.id > ${f.cursor}` : null,
  ].filter((c): c is SQL => c !== null);
  return selectConversions(db, tenantId, conditions, f.limit + 1);
}

export async function getConversion(db: Executor, tenantId: string, id: string, onlyAffiliate: string | null): Promise<ConversionRow | null> {
  const conditions = [sql`cv.id = ${id}`, ...(onlyAffiliate ? [attributedTo(onlyAffiliate)] : [])];
  return (await selectConversions(db, tenantId, conditions, 1))[0] ?? null;
}
