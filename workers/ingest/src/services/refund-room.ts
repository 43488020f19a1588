/** What is left to refund of each order: its amount minus the refunds already stored for it in its currency. */
import { sql } from "drizzle-orm";
import type { RefundMessage } from "../../../../core/schemas/queue-event";
import { rowsOf, type Executor } from "../../../../db/client";

export interface OrderRoom {
  currency: string;
  amount: number;
  refunded: number;
}

export const orderKeyOf = (tenantId: string, orderId: string) => `${tenantId}|${orderId}`;

/**
 * Refunds of one order take turns: the per-order lock the rollup triggers take (migration 0028), held to
 * the end of the transaction. It is its own statement, so the next one (READ COMMITTED) reads what a
 * transaction that held the lock before committed: two refunds written at once cannot both see room for
 * themselves. Taken in hash order in one statement, as the triggers take it.
 */
export async function lockOrdersOf(db: Executor, messages: RefundMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await db.execute(sql`SELECT indica_lock_orders(${sql.param([...new Set(messages.map((m) => orderKeyOf(m.tenantId, m.input.orderId)))])}::text[])`);
}

/** The orders of these refunds that are stored (a refund may come first), with what is left of each. */
export async function orderRooms(db: Executor, messages: RefundMessage[]): Promise<Map<string, OrderRoom>> {
  if (messages.length === 0) return new Map();
  const result = await db.execute<{ tenant_id: string; order_id: string; currency: string; amount: string; refunded: string }>(sql`
    SELECT c.tenant_id, c.order_id, c.currency, c.amount,
      (SELECT coalesce(sum(r.amount), 0) FROM refunds r
       WHERE r.tenant_id = c.tenant_id AND r.order_id = c.order_id AND r.currency = c.currency) AS refunded
    FROM conversions c
    JOIN (SELECT DISTINCT * FROM unnest(${sql.param(messages.map((m) => m.tenantId))}::text[], ${sql.param(messages.map((m) => m.input.orderId))}::text[])) AS k(tenant_id, order_id)
      ON c.tenant_id = k.tenant_id AND c.order_id = k.order_id`);
  return new Map(
    rowsOf(result).map((r) => [orderKeyOf(r.tenant_id, r.order_id), { currency: r.currency.trim(), amount: Number(r.amount), refunded: Number(r.refunded) }]),
  );
}
