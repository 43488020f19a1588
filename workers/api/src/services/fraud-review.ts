/** The fraud review queue: flagged clicks and orders of one tenant that wait for the merchant's decision. */
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import { isId, timestampOfId } from "../../../../core/ids";
import { rowsOf, type Executor } from "../../../../db/client";
import { settleReviewedCommissions } from "../../../../db/queries/commission-lifecycle";
import { conversionCampaign, joinConversionTouch } from "../../../../db/queries/conversion-touch";
import { clicks, conversions } from "../../../../db/schema";

export interface ReviewItem {
  id: string;
  kind: "click" | "conversion";
  at: string;
  affiliateId: string | null;
  campaignId: string | null;
  score: number;
  reasons: string[];
  evidence: Record<string, unknown>;
}

/** The time-ordered part of an id (after `clk_` or `cnv_`): clicks and orders compare by it, so they merge in time order. */
const bodyOf = (id: string): string => id.slice(id.indexOf("_") + 1);

/**
 * Oldest first, keyed by id (time-ordered), so pages are stable while new flags arrive. Without a kind both
 * are listed: the dashboard's default view must show flagged orders, whose commissions wait on this queue.
 * A cursor is the last item's id; its time part continues both kinds.
 */
export async function listReviewQueue(db: Executor, tenantId: string, kind: "click" | "conversion" | undefined, limit: number, cursor?: string): Promise<{ items: ReviewItem[]; nextCursor: string | null }> {
  const after = (prefix: string) => (cursor ? `${prefix}_${bodyOf(cursor)}` : undefined);
  const items = [
    ...(kind !== "conversion" ? await flaggedClicks(db, tenantId, limit + 1, after("clk")) : []),
    ...(kind !== "click" ? await flaggedConversions(db, tenantId, limit + 1, after("cnv")) : []),
  ].sort((a, b) => (bodyOf(a.id) < bodyOf(b.id) ? -1 : bodyOf(a.id) > bodyOf(b.id) ? 1 : 0));
  const page = items.slice(0, limit);
  return { items: page, nextCursor: items.length > limit ? page[page.length - 1].id : null };
}

async function flaggedClicks(db: Executor, tenantId: string, limit: number, cursor?: string): Promise<ReviewItem[]> {
  const rows = await db
    .select()
    .from(clicks)
    .where(and(eq(clicks.tenantId, tenantId), eq(clicks.flagged, true), isNull(clicks.reviewStatus), cursor ? gt(clicks.id, cursor) : undefined))
    .orderBy(asc(clicks.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    kind: "click",
    at: r.clickedAt.toISOString(),
    affiliateId: r.affiliateId,
    campaignId: r.campaignId,
    score: r.fraudScore,
    reasons: r.fraudReasons,
    evidence: { userAgent: r.userAgent, country: r.country, referrerHost: r.referrerHost, adClickIds: r.adClickIds, isDuplicate: r.isDuplicate, visitorId: r.visitorId, networkHash: r.ipHash, linkId: r.linkId, subIds: r.subIds },
  }));
}

type FlaggedOrderRow = {
  id: string;
  occurred_at: string | Date;
  matched_affiliate_id: string | null;
  campaign_id: string | null;
  fraud_score: number;
  fraud_reasons: string[];
  order_id: string;
  amount: string | number;
  currency: string;
  coupon: string | null;
  identity_source: string | null;
  matched_click_id: string | null;
  source: string;
  country: string | null;
};

/** Orders carry no campaign column: it is their matched click's, or their coupon's (as in the orders list). */
async function flaggedConversions(db: Executor, tenantId: string, limit: number, cursor?: string): Promise<ReviewItem[]> {
  const rows = rowsOf(
    await db.execute<FlaggedOrderRow>(sql`
      SELECT cv.id, cv.occurred_at, cv.matched_affiliate_id, ${conversionCampaign("cv")} AS campaign_id, cv.fraud_score, cv.fraud_reasons,
        cv.order_id, cv.amount, cv.currency, cv.coupon, cv.identity_source, cv.matched_click_id, cv.source, cv.country
      FROM conversions cv ${joinConversionTouch("cv")}
      WHERE cv.tenant_id = ${tenantId} AND cv.flagged AND cv.review_status IS NULL ${cursor ? sql`AND cv.id > ${cursor}` : sql``}
      ORDER BY cv.id
      LIMIT ${limit}`),
  );
  return rows.map((r) => ({
    id: r.id,
    kind: "conversion",
    at: new Date(r.occurred_at).toISOString(),
    affiliateId: r.matched_affiliate_id,
    campaignId: r.campaign_id,
    score: r.fraud_score,
    reasons: r.fraud_reasons,
    evidence: { orderId: r.order_id, amount: Number(r.amount), currency: r.currency, coupon: r.coupon, identitySource: r.identity_source, matchedClickId: r.matched_click_id, source: r.source, country: r.country },
  }));
}

/** Records the merchant's decision on a flagged click or order; null when there is no such item to review. */
export async function decide(db: Executor, tenantId: string, id: string, decision: "approve" | "reject"): Promise<{ id: string; reviewStatus: "approved" | "rejected"; reviewedAt: string } | null> {
  const reviewStatus = decision === "approve" ? "approved" : "rejected";
  const set = { reviewStatus, reviewedAt: sql`now()` };
  const rows = isId("click", id)
    ? await db
        .update(clicks)
        .set(set)
        // The time inside the id names the partition, so this touches one partition's index.
        .where(and(eq(clicks.tenantId, tenantId), eq(clicks.id, id), eq(clicks.clickedAt, new Date(timestampOfId(id)!)), eq(clicks.flagged, true)))
        .returning({ id: clicks.id, reviewedAt: clicks.reviewedAt })
    : await db
        .update(conversions)
        .set(set)
        .where(and(eq(conversions.tenantId, tenantId), eq(conversions.id, id), eq(conversions.flagged, true)))
        .returning({ id: conversions.id, reviewedAt: conversions.reviewedAt });
  const row = rows[0];
  if (!row) return null;
  // The orders behind the decision: their commissions are released, or rejected with them.
  const orders = isId("click", id)
    ? (await db.select({ id: conversions.id }).from(conversions).where(and(eq(conversions.tenantId, tenantId), eq(conversions.matchedClickId, id)))).map((r) => r.id)
    : [id];
  await settleReviewedCommissions(db, tenantId, orders, decision === "approve", "fraud-review");
  return { id: row.id, reviewStatus, reviewedAt: (row.reviewedAt ?? new Date()).toISOString() };
}
