/**
 * Refunds are rare next to orders, so they are applied one by one. Refunds take back commissions proportionally (core/commission/reversal.ts), once per refund: the
 * (commission, refund key) pair is recorded, so a redelivered refund changes nothing. A commission
 * fully taken back becomes `reversed`. Once approved, the ledger is debited (`reversal`); once paid, the
 * debit is a `clawback` carried into the affiliate's next payout, never a silent skip. Each reversal of
 * a commission by a refund is announced to the merchant's webhooks (`commission.reversed`).
 */
import { and, eq, sql } from "drizzle-orm";
import { reversalAmount } from "../../../../core/commission/reversal";
import type { RefundMessage } from "../../../../core/schemas/queue-event";
import { rowsOf, type Executor } from "../../../../db/client";
import { debitReversal } from "../../../../db/queries/commission-lifecycle";
import { commissionReversals, commissions, conversions } from "../../../../db/schema";
import { commissionReversed } from "../../../../db/queries/webhook-event-data";
import { emitWebhookEvents } from "../../../../db/queries/webhook-outbox";

export async function reverseCommissions(db: Executor, refunds: RefundMessage[]): Promise<void> {
  for (const refund of refunds) {
    const [order] = await db
      .select({ amount: conversions.amount })
      .from(conversions)
      .where(and(eq(conversions.tenantId, refund.tenantId), eq(conversions.orderId, refund.input.orderId)));
    if (!order) continue;
    const owned = await db
      .select()
      .from(commissions)
      .where(and(eq(commissions.tenantId, refund.tenantId), eq(commissions.orderId, refund.input.orderId)));
    const refundedBefore = await refundedAmountBefore(db, refund);
    for (const c of owned) {
      const amount = reversalAmount({ commission: c.amount, alreadyReversed: c.reversedAmount, orderAmount: order.amount, refundedBefore, refund: refund.input.amount });
      const inserted = await db
        .insert(commissionReversals)
        .values({ commissionId: c.id, refundId: refund.refundKey, tenantId: c.tenantId, amount })
        .onConflictDoNothing()
        .returning({ amount: commissionReversals.amount });
      if (inserted.length === 0) continue; // this refund was applied already
      const reversed = c.reversedAmount + amount;
      const status = reversed >= c.amount && c.status !== "paid" ? "reversed" : c.status;
      await db.update(commissions).set({ reversedAmount: reversed, status }).where(eq(commissions.id, c.id));
      await debitReversal(db, c, amount, refund.refundKey);
      if (amount > 0) await emitWebhookEvents(db, [commissionReversed({ ...c, reversedAmount: reversed, status }, refund.refundKey, amount)]);
    }
  }
}

/** What was refunded on the order before this refund (the refunds table holds each refund once). */
async function refundedAmountBefore(db: Executor, refund: RefundMessage): Promise<number> {
  const rows = await db.execute<{ total: string }>(sql`
    SELECT coalesce(sum(amount), 0) AS total FROM refunds
    WHERE tenant_id = ${refund.tenantId} AND order_id = ${refund.input.orderId} AND refund_key <> ${refund.refundKey}
      AND received_at <= (SELECT received_at FROM refunds WHERE tenant_id = ${refund.tenantId} AND refund_key = ${refund.refundKey})`);
  return Number(rowsOf(rows)[0]?.total ?? 0);
}
