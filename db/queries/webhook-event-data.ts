/**
 * Webhook events built from rows, in one place so every writer (ingest consumer, API decisions,
 * scheduled approval) announces the same thing the same way. Ids follow `webhookEventId`.
 */
import { webhookEventId, type WebhookData, type WebhookEvent } from "../../core/webhook-events";

type Time = Date | string;
const iso = (t: Time) => new Date(t).toISOString();

export interface CommissionLike {
  id: string;
  tenantId: string;
  orderId: string;
  conversionId: string;
  affiliateId: string;
  campaignId: string;
  currency: string;
  amount: number;
  reversedAmount: number;
  status: string;
}

const commissionData = (c: CommissionLike): WebhookData<"commission.approved"> => ({
  id: c.id,
  orderId: c.orderId,
  conversionId: c.conversionId,
  affiliateId: c.affiliateId,
  campaignId: c.campaignId,
  currency: c.currency,
  amount: Number(c.amount),
  reversedAmount: Number(c.reversedAmount),
  status: c.status,
});

const now = () => new Date().toISOString();

export const commissionCreated = (c: CommissionLike & { heldForReview: boolean }): WebhookEvent => ({
  tenantId: c.tenantId, id: webhookEventId("commission.created", c.id), type: "commission.created", createdAt: now(), data: { ...commissionData(c), heldForReview: c.heldForReview },
});

/**
 * A pending commission recomputed from its order's new figures, or one rejected by an earlier recomputation
 * given a share again: `n` counts its recomputations, so each change is its own event.
 */
export const commissionUpdated = (c: CommissionLike & { heldForReview: boolean }, previous: WebhookData<"commission.updated">["previous"], reason: string, n: number): WebhookEvent => ({
  tenantId: c.tenantId, id: webhookEventId("commission.updated", c.id, String(n)), type: "commission.updated", createdAt: now(),
  data: { ...commissionData(c), heldForReview: c.heldForReview, previous, reason },
});

/** A pending commission its order's new figures no longer give: rejected, `n` as for commission.updated (it may be given again). */
export const commissionRefigureRejected = (c: CommissionLike, reason: string, n: number): WebhookEvent => ({
  tenantId: c.tenantId, id: webhookEventId("commission.rejected", c.id, String(n)), type: "commission.rejected", createdAt: now(), data: { ...commissionData(c), reason },
});

export const commissionApproved = (c: CommissionLike): WebhookEvent => ({
  tenantId: c.tenantId, id: webhookEventId("commission.approved", c.id), type: "commission.approved", createdAt: now(), data: commissionData(c),
});

export const commissionRejected = (c: CommissionLike, reason: string | null): WebhookEvent => ({
  tenantId: c.tenantId, id: webhookEventId("commission.rejected", c.id), type: "commission.rejected", createdAt: now(), data: { ...commissionData(c), reason },
});

/** One per (commission, refund): a commission can be taken back in parts by several refunds. */
export const commissionReversed = (c: CommissionLike, refundId: string, reversalAmount: number): WebhookEvent => ({
  tenantId: c.tenantId, id: webhookEventId("commission.reversed", c.id, refundId), type: "commission.reversed", createdAt: now(), data: { ...commissionData(c), refundId, reversalAmount },
});

export interface ConversionLike {
  id: string;
  tenantId: string;
  orderId: string;
  status: string;
  amount: number;
  currency: string;
  matchedAffiliateId: string | null;
  occurredAt: Time;
}

const conversionData = (c: ConversionLike): WebhookData<"conversion.created"> => ({
  id: c.id, orderId: c.orderId, status: c.status, amount: Number(c.amount), currency: c.currency, affiliateId: c.matchedAffiliateId, occurredAt: iso(c.occurredAt),
});

export const conversionCreated = (c: ConversionLike): WebhookEvent => ({
  tenantId: c.tenantId, id: webhookEventId("conversion.created", c.id), type: "conversion.created", createdAt: now(), data: conversionData(c),
});

/** Statuses only move forward (placed → paid → fulfilled, or cancelled), so each is reached once. */
export const conversionStatusChanged = (c: ConversionLike): WebhookEvent => ({
  tenantId: c.tenantId, id: webhookEventId("conversion.status_changed", c.id, c.status), type: "conversion.status_changed", createdAt: now(), data: conversionData(c),
});

export interface RefundLike {
  id: string;
  tenantId: string;
  orderId: string;
  refundKey: string;
  amount: number;
  currency: string;
  reason: string | null;
  occurredAt: Time;
}

export const refundCreated = (r: RefundLike): WebhookEvent => ({
  tenantId: r.tenantId, id: webhookEventId("refund.created", r.id), type: "refund.created", createdAt: now(),
  data: { id: r.id, orderId: r.orderId, refundId: r.refundKey, amount: Number(r.amount), currency: r.currency, reason: r.reason, occurredAt: iso(r.occurredAt) },
});
