/**
 * Refunds stored before their order arrived (delivery order is not guaranteed, and a shop may send a refund
 * first). They could not be checked against the order then (over-refunds.ts, store-refunds.ts), so they are
 * checked when it arrives: a refund in another currency than the order's is never applied, and refunds
 * adding up to more than the order take its commissions back whole. Either way the merchant is told in
 * GET /v1/failed-events, once, rather than finding a commission that is not what the refunds meant.
 */
import { sql } from "drizzle-orm";
import { rowsOf, type Executor } from "../../../../db/client";
import { parkFailedEvents, type FailedEventInput } from "./failed-events";

/** Not a queue message: a replay would only tell it again, so the replay skips it (`not_replayable`). */
export const REFUNDS_BEFORE_ORDER_SOURCE = "refunds-before-order";

export interface ArrivedOrder {
  tenantId: string;
  orderId: string;
  amount: number;
  currency: string;
}

export interface EarlyRefund {
  refundKey: string;
  amount: number;
  currency: string;
}

/** How a refund is named to the merchant: its refund id, or the request's figures when it was sent without one. */
const nameOf = (r: EarlyRefund) => (r.refundKey.startsWith("derived:") ? `a refund of ${r.amount} ${r.currency} sent without a refund id` : `refund ${r.refundKey} of ${r.amount} ${r.currency}`);

/** What to tell of the refunds stored for an order before it arrived (nothing when they fit it). */
export function earlyRefundNotices(order: ArrivedOrder, early: EarlyRefund[]): FailedEventInput[] {
  const payload = (extra: object) => ({ type: "conversion", tenantId: order.tenantId, id: order.orderId, orderId: order.orderId, amount: order.amount, currency: order.currency, ...extra });
  const notices: FailedEventInput[] = early
    .filter((r) => r.currency !== order.currency)
    .map((r) => ({
      source: REFUNDS_BEFORE_ORDER_SOURCE,
      payload: payload({ refund: r }),
      reason: `${nameOf(r)} was stored before order ${order.orderId} arrived, which is in ${order.currency}: it was not applied; send it again in ${order.currency} under a new refund id`,
      attempts: 0,
    }));
  const same = early.filter((r) => r.currency === order.currency);
  const total = same.reduce((sum, r) => sum + r.amount, 0);
  if (total > order.amount) {
    notices.push({
      source: REFUNDS_BEFORE_ORDER_SOURCE,
      payload: payload({ refunds: same }),
      reason: `refunds stored before order ${order.orderId} arrived add up to ${total} ${order.currency}, more than its ${order.amount} ${order.currency} (${same.map(nameOf).join(", ")}): its commissions were taken back whole; check the refunds sent for it`,
      attempts: 0,
    });
  }
  return notices;
}

/** The refunds stored for these orders, by order key `tenant|order`, oldest first. */
export async function earlyRefundsOf(db: Executor, orders: ArrivedOrder[]): Promise<Map<string, EarlyRefund[]>> {
  const found = new Map<string, EarlyRefund[]>();
  if (orders.length === 0) return found;
  const result = await db.execute<{ tenant_id: string; order_id: string; refund_key: string; amount: string; currency: string }>(sql`
    SELECT r.tenant_id, r.order_id, r.refund_key, r.amount, r.currency FROM refunds r
    JOIN unnest(${sql.param(orders.map((o) => o.tenantId))}::text[], ${sql.param(orders.map((o) => o.orderId))}::text[]) AS k(tenant_id, order_id)
      ON r.tenant_id = k.tenant_id AND r.order_id = k.order_id
    ORDER BY r.received_at, r.id`);
  for (const r of rowsOf(result)) {
    const key = `${r.tenant_id}|${r.order_id}`;
    found.set(key, [...(found.get(key) ?? []), { refundKey: r.refund_key, amount: Number(r.amount), currency: r.currency.trim() }]);
  }
  return found;
}

/**
 * Tells of the refunds stored before these orders, just created. Only new orders: an order stored before
 * had its refunds checked as they came; and a redelivered order is not new, so nothing is told twice.
 */
export async function parkEarlyRefunds(db: Executor, created: ArrivedOrder[]): Promise<void> {
  const early = await earlyRefundsOf(db, created);
  if (early.size === 0) return;
  await parkFailedEvents(db, created.flatMap((o) => earlyRefundNotices(o, early.get(`${o.tenantId}|${o.orderId}`) ?? [])));
}
