import type { RefundMessage } from "../../../../core/schemas/queue-event";
import { newId } from "../../../../core/ids";
import type { Executor } from "../../../../db/client";
import { refunds } from "../../../../db/schema";
import { refundCreated } from "../../../../db/queries/webhook-event-data";
import { emitWebhookEvents } from "../../../../db/queries/webhook-outbox";

/**
 * Refunds, idempotent by (tenant, refund key); a new one is announced to the merchant's webhooks.
 * Reversing commissions is the commission engine's job.
 */
export async function storeRefunds(db: Executor, messages: RefundMessage[]): Promise<void> {
  if (messages.length === 0) return;
  const stored = await db
    .insert(refunds)
    .values(
      messages.map((m) => ({
        id: newId("refund", m.receivedAt),
        tenantId: m.tenantId,
        orderId: m.input.orderId,
        refundKey: m.refundKey,
        amount: m.input.amount,
        currency: m.input.currency,
        reason: m.input.reason ?? null,
        occurredAt: new Date(m.input.occurredAt ? Date.parse(m.input.occurredAt) : m.receivedAt),
        receivedAt: new Date(m.receivedAt),
      })),
    )
    .onConflictDoNothing()
    .returning();
  await emitWebhookEvents(db, stored.map(refundCreated));
}
