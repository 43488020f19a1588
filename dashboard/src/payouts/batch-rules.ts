/**
 * Which actions a batch offers, by its status and provider. They follow what the API does correctly today
 * (docs/payouts.md, db/queries/payout-settlement.ts), not merely what it accepts.
 */
import { isCsv, type PayoutBatchWithItems, type PayoutItem } from "./types";

/** Draft: approve/send it. Later: send again while some line failed (or is still pending); never once paid or cancelled. */
export function canSend(b: PayoutBatchWithItems): boolean {
  if (b.status === "paid" || b.status === "cancelled") return false;
  return b.status === "draft" || b.items.some((x) => x.status === "failed" || x.status === "pending");
}

/**
 * Only lines sent and waiting are recorded by hand. A failed line is sent again first: recording it as paid
 * directly would reuse the debit key of its returned attempt, and the ledger would keep the return.
 */
export const canReconcile = (x: PayoutItem) => x.status === "processing";

/**
 * A processing line of a CSV batch was never debited (nothing is debited until it is paid), yet the API's
 * "failed" credits the amount back as if it had been; so failures are offered only for provider batches.
 */
export const canMarkFailed = (b: PayoutBatchWithItems) => !isCsv(b.provider);

/** The PIX keys file fits batches paid by PIX; the generic file fits any. */
export const offersPixExport = (b: PayoutBatchWithItems) => b.provider === "csv_pix" || b.provider === "pix";
