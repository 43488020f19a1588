/** The fraud review queue: flagged clicks and orders of one tenant that wait for the merchant's decision. */
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import { isId, timestampOfId } from "../../../../core/ids";
import type { Executor } from "../../../../db/client";
import { settleReviewedCommissions } from "../../../../db/queries/commission-lifecycle";
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

/** Oldest first, keyed by id (time-ordered), so pages are stable while new flags arrive. */
export async function listReviewQueue(db: Executor, tenantId: string, kind: "click" | "conversion", limit: number, cursor?: string): Promise<{ items: ReviewItem[]; nextCursor: string | null }> {
  const items = kind === "click" ? await flaggedClicks(db, tenantId, limit + 1, cursor) : await flaggedConversions(db, tenantId, limit + 1, cursor);
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

async function flaggedConversions(db: Executor, tenantId: string, limit: number, cursor?: string): Promise<ReviewItem[]> {
  const rows = await db
    .select()
    .from(conversions)
    .where(and(eq(conversions.tenantId, tenantId), eq(conversions.flagged, true), isNull(conversions.reviewStatus), cursor ? gt(conversions.id, cursor) : undefined))
    .orderBy(asc(conversions.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    kind: "conversion",
    at: r.occurredAt.toISOString(),
    affiliateId: r.matchedAffiliateId,
    campaignId: null,
    score: r.fraudScore,
    reasons: r.fraudReasons,
    evidence: { orderId: r.orderId, amount: r.amount, currency: r.currency, coupon: r.coupon, identitySource: r.identitySource, matchedClickId: r.matchedClickId, source: r.source, country: r.country },
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
