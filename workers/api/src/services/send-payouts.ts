/**
 * Sends a batch: each item not yet accepted is paid through the provider with its idempotency key, and
 * settled (db/queries/payout-settlement.ts). Items already paid or processing are never sent again, and
 * a retried call carries the same key, so however often a batch is sent nobody is paid twice. CSV batches
 * are not sent anywhere: their items wait, processing, for the merchant to reconcile them.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Currency } from "../../../../core/money";
import { payoutDetailsSchema } from "../../../../core/payouts/details";
import { fail, ok, type Result } from "../../../../core/result";
import { open } from "../../../../core/secret-box";
import type { Executor } from "../../../../db/client";
import { getBatch, isCsvProvider, itemsOf, type BatchRow } from "../../../../db/queries/payout-batches";
import { markAccepted, markCallFailed, refreshBatchStatus } from "../../../../db/queries/payout-settlement";
import { payoutBatches, payoutItems, payoutMethods } from "../../../../db/schema";
import type { ApiEnv } from "../env";
import { payoutProvider } from "./payout-providers";

export async function sendBatch(db: Executor, env: ApiEnv, tenantId: string, id: string, actor: string): Promise<Result<BatchRow>> {
  const batch = await getBatch(db, tenantId, id, true);
  if (!batch) return fail("not_found", "No payout batch with this id in your account.");
  if (batch.status === "paid" || batch.status === "cancelled") return fail("conflict", `The batch is ${batch.status}; there is nothing to send.`);
  const csv = isCsvProvider(batch.provider);
  const provider = csv ? null : payoutProvider(env, batch.provider);
  if (!csv && !provider) return fail("unprocessable", `The ${batch.provider} provider is not configured on this server (docs/payouts.md).`);
  await db.update(payoutBatches).set({ status: "processing", approvedBy: batch.approvedBy ?? actor, sentAt: sql`now()` }).where(eq(payoutBatches.id, batch.id));
  for (const item of await itemsOf(db, tenantId, batch.id)) {
    if (item.status === "paid" || item.status === "processing") continue;
    if (csv) {
      await db.update(payoutItems).set({ status: "processing" }).where(and(eq(payoutItems.tenantId, tenantId), eq(payoutItems.id, item.id)));
      continue;
    }
    const [method] = await db.select().from(payoutMethods).where(and(eq(payoutMethods.tenantId, tenantId), eq(payoutMethods.affiliateId, item.affiliateId), eq(payoutMethods.kind, provider!.kind)));
    const attempt = { ...item, attempts: item.attempts + 1 };
    await db.update(payoutItems).set({ attempts: attempt.attempts }).where(eq(payoutItems.id, item.id));
    if (!method) {
      await markCallFailed(db, attempt, `the affiliate has no ${provider!.kind} payout method`);
      continue;
    }
    const details = payoutDetailsSchema.parse(JSON.parse(await open(method.sealedDetails, env.SECRETS_KEY)));
    const result = await provider!.pay({ itemId: item.id, idempotencyKey: item.idempotencyKey, affiliateId: item.affiliateId, amount: item.amount, currency: item.currency as Currency, details, description: `Indica payout ${batch.id}` });
    if (result.status === "failed") await markCallFailed(db, attempt, result.error);
    else await markAccepted(db, attempt, result.status, result.reference);
  }
  if (!csv) await refreshBatchStatus(db, tenantId, batch.id);
  return ok((await getBatch(db, tenantId, batch.id))!);
}
