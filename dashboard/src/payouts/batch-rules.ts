/**
 * Which actions a batch offers, by its status, provider and lines. They mirror the API's rules (docs/payouts.md,
 * db/queries/payout-settlement.ts, services/cancel-payout-batch.ts) so the page offers only what it would
 * accept; the API stays the judge, and its refusal is shown as it answers it.
 */
import { isCsv, type PayoutBatchWithItems, type PayoutItem } from "./types";

const closed = (b: PayoutBatchWithItems) => b.status === "paid" || b.status === "cancelled";

/** Draft: approve/send it. Later: send again while some line failed (or is still pending); never once paid or cancelled. */
export function canSend(b: PayoutBatchWithItems): boolean {
  if (closed(b)) return false;
  return b.status === "draft" || b.items.some((x) => x.status === "failed" || x.status === "pending");
}

/**
 * The lines recorded by hand (paid or failed): those sent and waiting, and those that failed, since a
 * failed line recorded as paid is a new attempt with its own debit (a transfer made again after bouncing).
 * A CSV line marked failed gives back only a debit that was taken, so failures are offered for every
 * provider. Paid lines are done; a cancelled batch records nothing (its affiliates may be in a newer batch).
 */
export const canReconcile = (b: PayoutBatchWithItems, x: PayoutItem) =>
  b.status !== "cancelled" && (x.status === "processing" || x.status === "failed");

/**
 * Cancelling frees the batch's affiliates for the next batch, so only while nobody was paid from it: no line
 * paid, and for a provider batch no line processing (the provider accepted it and its debit stands until the
 * provider says paid or failed). A CSV line processing was never debited (the bank pays it, and it is debited
 * once recorded paid), so it does not stop a cancel.
 */
export function canCancel(b: PayoutBatchWithItems): boolean {
  if (closed(b)) return false;
  if (b.items.some((x) => x.status === "paid")) return false;
  return isCsv(b.provider) || !b.items.some((x) => x.status === "processing");
}

/** The PIX keys file fits batches paid by PIX; the generic file fits any. */
export const offersPixExport = (b: PayoutBatchWithItems) => b.provider === "csv_pix" || b.provider === "pix";
