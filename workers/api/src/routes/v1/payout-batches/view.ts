import type { BatchRow, ItemRow } from "../../../../../../db/queries/payout-batches";

type Provider = "csv" | "csv_pix" | "pix" | "stripe_connect" | "paypal";
type BatchStatus = "draft" | "processing" | "paid" | "failed" | "cancelled";
type ItemStatus = "pending" | "processing" | "paid" | "failed" | "cancelled";

// Statuses and providers are written only by this code, from these closed sets.
export const toBatchView = (b: BatchRow) => ({
  id: b.id,
  currency: b.currency,
  provider: b.provider as Provider,
  status: b.status as BatchStatus,
  minimumAmount: b.minimumAmount,
  totalAmount: b.totalAmount,
  itemCount: b.itemCount,
  createdAt: b.createdAt.toISOString(),
  sentAt: b.sentAt?.toISOString() ?? null,
  completedAt: b.completedAt?.toISOString() ?? null,
});

export const toItemView = (i: ItemRow) => ({
  id: i.id,
  affiliateId: i.affiliateId,
  currency: i.currency,
  amount: i.amount,
  status: i.status as ItemStatus,
  providerReference: i.providerReference,
  attempts: i.attempts,
  lastError: i.lastError,
  paidAt: i.paidAt?.toISOString() ?? null,
});
