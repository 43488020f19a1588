import { explanationForAffiliate } from "../../../../../../core/attribution/explanation-for-affiliate";
import type { commissions } from "../../../../../../db/schema";

type Status = "pending" | "approved" | "rejected" | "reversed" | "paid";

/** `forAffiliate`: the affiliate user reading it (their own commission), whose explanation names no other affiliate. */
export function toCommissionView(r: typeof commissions.$inferSelect, forAffiliate: string | null) {
  return {
    id: r.id,
    orderId: r.orderId,
    affiliateId: r.affiliateId,
    campaignId: r.campaignId,
    currency: r.currency,
    amount: r.amount,
    reversedAmount: r.reversedAmount,
    shareBp: r.shareBp,
    status: r.status as Status,
    heldForReview: r.heldForReview,
    rulesVersion: r.rulesVersion,
    explanation: forAffiliate === null ? r.explanation : explanationForAffiliate(r.explanation, forAffiliate),
    lockUntil: r.lockUntil.toISOString(),
    createdAt: r.createdAt.toISOString(),
  };
}
