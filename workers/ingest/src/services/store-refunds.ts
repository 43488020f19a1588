import { sql } from "drizzle-orm";
import type { RefundMessage } from "../../../../core/schemas/queue-event";
import { newId } from "../../../../core/ids";
import { rowsOf, type Executor } from "../../../../db/client";
import { refunds } from "../../../../db/schema";
import type { Reversal } from "../../../../db/queries/reverse-commissions";
import { refundCreated } from "../../../../db/queries/webhook-event-data";
import { emitWebhookEvents } from "../../../../db/queries/webhook-outbox";
import { EVENTS_QUEUE } from "../env";
import { parkFailedEvents, type FailedEventInput } from "./failed-events";
import { overRefunds } from "./over-refunds";
import { lockOrdersOf, orderKeyOf, orderRooms } from "./refund-room";

const SOURCE = `queue:${EVENTS_QUEUE}`;
const keyOf = (tenantId: string, value: string) => `${tenantId}\u0000${value}`;

/**
 * Refunds, idempotent by (tenant, refund key); a new one is announced to the merchant's webhooks.
 * Reversing commissions is the commission engine's job; this answers which refunds it may apply.
 *
 * Three refunds are parked in failed_events (with the reason) instead of being stored or applied, because
 * the reversal compares a refund's amount with its order's and knows nothing of currencies, of other
 * orders or of more than the order: a refund in another currency than its order's (5,000 JPY would have
 * taken back half of a 10,000 BRL order's commission), a refund id the tenant already used for another
 * order (the refund row was not stored, yet the second order's commissions were reversed without a
 * refund.created event), and a new refund larger than what is left of its order (reports showed a
 * negative net; over-refunds.ts says why parked rather than capped).
 */
export async function storeRefunds(db: Executor, messages: RefundMessage[]): Promise<RefundMessage[]> {
  if (messages.length === 0) return [];
  const failures: FailedEventInput[] = [];
  const park = (m: RefundMessage, reason: string) => failures.push({ source: SOURCE, payload: m, reason, attempts: 0 });

  // First the order's turn, so what is read next is committed (refund-room.ts).
  await lockOrdersOf(db, messages);
  const rooms = await orderRooms(db, messages);
  const inCurrency = messages.filter((m) => {
    const currency = rooms.get(orderKeyOf(m.tenantId, m.input.orderId))?.currency;
    if (currency === undefined || currency === m.input.currency) return true;
    park(m, `refund in ${m.input.currency} for order ${m.input.orderId}, which is in ${currency}: send refunds in the order's currency`);
    return false;
  });
  const storedBefore = await refundOwners(db, inCurrency);
  const tooLarge = overRefunds(inCurrency, rooms, (m) => storedBefore.has(keyOf(m.tenantId, m.refundKey)));
  for (const [m, reason] of tooLarge) park(m, reason);
  const fitting = inCurrency.filter((m) => !tooLarge.has(m));

  const stored =
    fitting.length === 0
      ? []
      : await db
          .insert(refunds)
          .values(
            fitting.map((m) => ({
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

  // A redelivered refund finds its own row (same order) and may be applied again harmlessly; a refund id
  // held by another order of the tenant is someone else's refund.
  const owners = await refundOwners(db, fitting);
  const applicable = fitting.filter((m) => {
    const owner = owners.get(keyOf(m.tenantId, m.refundKey));
    if (owner === undefined || owner === m.input.orderId) return true;
    park(m, `refund id ${m.refundKey} is already used by order ${owner}: refund ids must be unique in the account`);
    return false;
  });
  await parkFailedEvents(db, failures);
  return applicable;
}

async function refundOwners(db: Executor, messages: RefundMessage[]): Promise<Map<string, string>> {
  if (messages.length === 0) return new Map();
  const result = await db.execute<{ tenant_id: string; refund_key: string; order_id: string }>(sql`
    SELECT r.tenant_id, r.refund_key, r.order_id FROM refunds r
    JOIN unnest(${sql.param(messages.map((m) => m.tenantId))}::text[], ${sql.param(messages.map((m) => m.refundKey))}::text[]) AS k(tenant_id, refund_key)
      ON r.tenant_id = k.tenant_id AND r.refund_key = k.refund_key`);
  return new Map(rowsOf(result).map((r) => [keyOf(r.tenant_id, r.refund_key), r.order_id]));
}

/**
 * Refunds already stored for these orders, in each order's currency. Delivery is at least once and a
 * failed batch is retried later, so a refund can be stored before its order; the commissions that order
 * earns afterwards must still give back the refund's share. Reversing is idempotent per (commission,
 * refund), so refunds applied before change nothing.
 */
export async function storedRefundsOf(db: Executor, orders: { tenantId: string; orderId: string }[]): Promise<Reversal[]> {
  if (orders.length === 0) return [];
  const result = await db.execute<{ tenant_id: string; order_id: string; refund_key: string; amount: string }>(sql`
    SELECT r.tenant_id, r.order_id, r.refund_key, r.amount FROM refunds r
    JOIN unnest(${sql.param(orders.map((o) => o.tenantId))}::text[], ${sql.param(orders.map((o) => o.orderId))}::text[]) AS k(tenant_id, order_id)
      ON r.tenant_id = k.tenant_id AND r.order_id = k.order_id
    JOIN conversions c ON c.tenant_id = r.tenant_id AND c.order_id = r.order_id AND c.currency = r.currency
    ORDER BY r.received_at`);
  return rowsOf(result).map((r) => ({ tenantId: r.tenant_id, refundKey: r.refund_key, input: { orderId: r.order_id, amount: Number(r.amount) } }));
}
