/**
 * Refunds take back commissions proportionally (core/commission/reversal.ts), once per refund: the
 * (commission, refund key) pair is recorded, so a redelivered refund changes nothing. A commission fully
 * taken back becomes `reversed`. Once approved, the ledger is debited (`reversal`); once paid, the debit is
 * a `clawback` carried into the affiliate's next payout, never a silent skip.
 *
 * Shared by the ingest Worker (refunds and cancellations from the merchant's server) and the API (a
 * merchant cancelling an order): both cancel through `cancellationOf`, so whichever comes first wins and
 * the other changes nothing. Refunds are rare next to orders, so they are applied one by one. Each
 * reversal of a commission is announced to the merchant's webhooks (`commission.reversed`). A commission that
 * owes nothing (rejected, or already reversed) is left untouched by a refund: no reversal, no ledger entry,
 * no webhook.
 */
import { and, eq, sql } from "drizzle-orm";
import { reversalAmount } from "../../core/commission/reversal";
import { rowsOf, type Executor } from "../client";
import { commissionReversals, commissions, conversions } from "../schema";
import { debitReversal } from "./commission-lifecycle";
import { commissionReversed } from "./webhook-event-data";
import { emitWebhookEvents } from "./webhook-outbox";

/** What a reversal needs of a refund; the ingest Worker's refund messages have this shape. */
export interface Reversal {
  tenantId: string;
  /** Unique per refund of the tenant: what makes applying it twice a no-op. */
  refundKey: string;
  input: { orderId: string; amount: number };
}

/** A cancelled order takes back all its commissions, like a full refund, once: keyed by the order. */
export function cancellationOf(tenantId: string, orderId: string): Reversal {
  return { tenantId, refundKey: `cancelled:${orderId}`, input: { orderId, amount: Number.MAX_SAFE_INTEGER } };
}

export async function reverseCommissions(db: Executor, refunds: Reversal[]): Promise<void> {
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
      // A rejected commission owes nothing, nor does one already reversed: a refund leaves it as it is,
      // with no reversal recorded, no ledger entry and no webhook.
      if (!owesMoney(c.status)) continue;
      const amount = reversalAmount({ commission: c.amount, alreadyReversed: c.reversedAmount, orderAmount: order.amount, refundedBefore, refund: refund.input.amount });
      const inserted = await db
        .insert(commissionReversals)
        .values({ commissionId: c.id, refundId: refund.refundKey, tenantId: c.tenantId, amount })
        .onConflictDoNothing()
        .returning({ amount: commissionReversals.amount });
      if (inserted.length === 0) continue; // this refund was applied already
      const reversed = c.reversedAmount + amount;
      const status = reversed >= c.amount && c.status !== "paid" ? "reversed" : c.status;
      await db.update(commissions).set({ reversedAmount: reversed, status }).where(and(eq(commissions.tenantId, c.tenantId), eq(commissions.id, c.id)));
      await debitReversal(db, c, amount, refund.refundKey);
      if (amount > 0) await emitWebhookEvents(db, [commissionReversed({ ...c, reversedAmount: reversed, status }, refund.refundKey, amount)]);
    }
  }
}

/** Statuses whose commission is (or was) money owed to the affiliate; refunds take back only from these. */
const OWING_STATUSES = new Set(["pending", "approved", "paid"]);
export const owesMoney = (status: string): boolean => OWING_STATUSES.has(status);

/** What was refunded on the order before this refund (the refunds table holds each refund once). */
async function refundedAmountBefore(db: Executor, refund: Reversal): Promise<number> {
  const rows = await db.execute<{ total: string }>(sql`
    SELECT coalesce(sum(amount), 0) AS total FROM refunds
    WHERE tenant_id = ${refund.tenantId} AND order_id = ${refund.input.orderId} AND refund_key <> ${refund.refundKey}
      AND received_at <= (SELECT received_at FROM refunds WHERE tenant_id = ${refund.tenantId} AND refund_key = ${refund.refundKey})`);
  return Number(rowsOf(rows)[0]?.total ?? 0);
}
