import type { commissions } from "../../../../../../db/schema";

type Status = "pending" | "approved" | "rejected" | "reversed" | "paid";

export function toCommissionView(r: typeof commissions.$inferSelect) {
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
    explanation: r.explanation,
    lockUntil: r.lockUntil.toISOString(),
    createdAt: r.createdAt.toISOString(),
  };
}
