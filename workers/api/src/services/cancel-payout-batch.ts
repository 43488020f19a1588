/**
 * Cancels a payout batch nobody has been paid from. A draft (or a CSV batch the merchant decides not to pay)
 * otherwise keeps its affiliates out of every later batch in its currency, since nobody is in two open
 * batches (db/queries/payout-batches.ts). Refused once money moved: an item paid, or a provider item
 * accepted and still processing (its debit stands until the provider says paid or failed). Its lines are
 * cancelled with it, so none reads as still to be paid.
 */
import { and, eq, ne } from "drizzle-orm";
import { fail, ok, type Result } from "../../../../core/result";
import type { Executor } from "../../../../db/client";
import { getBatch, isCsvProvider, itemsOf, type BatchRow } from "../../../../db/queries/payout-batches";
import { payoutBatches, payoutItems } from "../../../../db/schema";

export async function cancelBatch(db: Executor, tenantId: string, id: string): Promise<Result<BatchRow>> {
  const batch = await getBatch(db, tenantId, id, true);
  if (!batch) return fail("not_found", "No payout batch with this id in your account.");
  if (batch.status === "cancelled") return ok(batch);
  if (batch.status === "paid") return fail("conflict", "The batch is paid; a paid batch cannot be cancelled.");
  const items = await itemsOf(db, tenantId, batch.id);
  const paid = items.filter((i) => i.status === "paid").length;
  if (paid > 0) return fail("conflict", `${paid} of the batch's items are paid; a batch someone was paid from cannot be cancelled (mark a payment that did not happen as failed first).`);
  const accepted = isCsvProvider(batch.provider) ? 0 : items.filter((i) => i.status === "processing").length;
  if (accepted > 0) return fail("conflict", `${accepted} of the batch's items were accepted by ${batch.provider} and are still processing; wait until they are paid or failed.`);
  await db
    .update(payoutItems)
    .set({ status: "cancelled" })
    .where(and(eq(payoutItems.tenantId, tenantId), eq(payoutItems.batchId, batch.id), ne(payoutItems.status, "paid")));
  const [cancelled] = await db
    .update(payoutBatches)
    .set({ status: "cancelled" })
    .where(and(eq(payoutBatches.tenantId, tenantId), eq(payoutBatches.id, batch.id)))
    .returning();
  return ok(cancelled);
}
