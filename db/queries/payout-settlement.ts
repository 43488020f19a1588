/**
 * What happens to a payout item once a provider has answered. Accepted (paid now or later): the ledger is
 * debited once (`payout:<item>:<attempt>`). Paid: the commissions the item covers (recorded with the batch,
 * payout_item_commissions) become paid, and no others.
 * Failed after acceptance (the provider's webhook): the debit is returned and the item gets a new
 * idempotency key, because the provider would otherwise answer a retry with the same failed payment.
 * A batch is paid when every item is, failed while any item is (sending it again retries those).
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { newId } from "../../core/ids";
import type { Executor } from "../client";
import { commissions, ledgerEntries, payoutBatches, payoutItemCommissions, payoutItems } from "../schema";
import type { ItemRow } from "./payout-batches";

async function ledger(db: Executor, item: ItemRow, amount: number, entryKey: string): Promise<void> {
  await db
    .insert(ledgerEntries)
    .values({ id: newId("ledgerEntry"), tenantId: item.tenantId, affiliateId: item.affiliateId, currency: item.currency, amount, kind: "payout", entryKey })
    .onConflictDoNothing();
}

export async function markAccepted(db: Executor, item: ItemRow, status: "paid" | "processing", reference: string): Promise<void> {
  await ledger(db, item, -item.amount, `payout:${item.id}:${item.attempts}`);
  await db
    .update(payoutItems)
    .set({ status, providerReference: reference, lastError: null, paidAt: status === "paid" ? sql`now()` : null })
    .where(and(eq(payoutItems.tenantId, item.tenantId), eq(payoutItems.id, item.id)));
  if (status === "paid") await markCommissionsPaid(db, item);
}

/**
 * The commissions whose credits the item counted when its batch was made (payout_item_commissions), and only
 * those: one approved after the batch was made, even with its lock over by then, is not in the amount paid
 * and stays approved (its credit stays available for the next batch). Marking it paid made a later refund a
 * clawback of money never paid.
 */
export async function markCommissionsPaid(db: Executor, item: ItemRow): Promise<void> {
  const covered = db.select({ id: payoutItemCommissions.commissionId }).from(payoutItemCommissions).where(and(eq(payoutItemCommissions.tenantId, item.tenantId), eq(payoutItemCommissions.itemId, item.id)));
  await db
    .update(commissions)
    .set({ status: "paid" })
    .where(and(eq(commissions.tenantId, item.tenantId), eq(commissions.status, "approved"), inArray(commissions.id, covered)));
}

/**
 * The merchant says an item was paid. A failed item's attempt is over (any debit of it was given back, or
 * there was none), so this payment is a new attempt with a debit of its own: under the old attempt's key
 * the debit was taken for a repeat and skipped, and the affiliate kept a balance it had been paid.
 */
export async function markPaidByMerchant(db: Executor, item: ItemRow, reference: string): Promise<void> {
  if (item.status === "paid") return;
  const attempt = item.status === "failed" ? { ...item, attempts: item.attempts + 1 } : item;
  if (attempt !== item) await db.update(payoutItems).set({ attempts: attempt.attempts }).where(and(eq(payoutItems.tenantId, item.tenantId), eq(payoutItems.id, item.id)));
  await markAccepted(db, attempt, "paid", reference);
}

/** A call that failed: nothing was debited; the same key is used again, since the provider may have acted on it. */
export async function markCallFailed(db: Executor, item: ItemRow, error: string): Promise<void> {
  await db.update(payoutItems).set({ status: "failed", lastError: error.slice(0, 1000) }).where(and(eq(payoutItems.tenantId, item.tenantId), eq(payoutItems.id, item.id)));
}

/**
 * A payment reported as not made (the provider's webhook, or the merchant reconciling): the attempt's debit
 * is returned, and a retry is a new payment. A CSV item is processing without a debit (nothing is taken
 * until the merchant says it was paid), so there is nothing to give back: returning anyway credited the
 * affiliate with money it never lost.
 */
export async function markReturned(db: Executor, item: ItemRow, error: string): Promise<void> {
  if (item.status !== "processing" && item.status !== "paid") return;
  await db.execute(sql`
    INSERT INTO ledger_entries (id, tenant_id, affiliate_id, currency, amount, kind, entry_key)
    SELECT ${newId("ledgerEntry")}, ${item.tenantId}, ${item.affiliateId}, ${item.currency}, ${item.amount}, 'payout', ${`payout-return:${item.id}:${item.attempts}`}
    WHERE EXISTS (SELECT 1 FROM ledger_entries d WHERE d.tenant_id = ${item.tenantId} AND d.entry_key = ${`payout:${item.id}:${item.attempts}`})
    ON CONFLICT DO NOTHING`);
  await db
    .update(payoutItems)
    .set({ status: "failed", lastError: error.slice(0, 1000), idempotencyKey: `${item.id}-${item.attempts + 1}`, paidAt: null })
    .where(and(eq(payoutItems.tenantId, item.tenantId), eq(payoutItems.id, item.id)));
}

export async function refreshBatchStatus(db: Executor, tenantId: string, batchId: string): Promise<void> {
  const items = await db.select({ status: payoutItems.status }).from(payoutItems).where(and(eq(payoutItems.tenantId, tenantId), eq(payoutItems.batchId, batchId)));
  const status = items.every((i) => i.status === "paid") ? "paid" : items.some((i) => i.status === "failed") ? "failed" : "processing";
  await db
    .update(payoutBatches)
    .set({ status, completedAt: status === "paid" ? sql`now()` : null })
    .where(and(eq(payoutBatches.tenantId, tenantId), eq(payoutBatches.id, batchId)));
}

export const itemsByIds = (db: Executor, tenantId: string, ids: string[]) =>
  db.select().from(payoutItems).where(and(eq(payoutItems.tenantId, tenantId), inArray(payoutItems.id, ids)));
