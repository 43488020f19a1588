/**
 * Refunds larger than what is left of their order. They are parked whole (store-refunds.ts), not capped:
 * a capped refund would no longer be the one the shop recorded, the merchant would never hear of it, and
 * the refund id would be spent on the wrong amount. Parked, it is listed with its reason in
 * GET /v1/failed-events and the merchant sends the right amount (with the same refund id, never stored).
 */
import type { RefundMessage } from "../../../../core/schemas/queue-event";
import { orderKeyOf, type OrderRoom } from "./refund-room";

/**
 * Why each new refund does not fit what is left of its order, taking the batch's refunds in the order
 * they were received. A refund whose key is already stored is a redelivery (a no-op downstream): it is
 * neither judged again, against its own earlier share, nor counted twice. A refund whose order has not
 * arrived is stored as before; nothing is left to compare it with.
 */
export function overRefunds(messages: RefundMessage[], rooms: Map<string, OrderRoom>, isStored: (m: RefundMessage) => boolean): Map<RefundMessage, string> {
  const reasons = new Map<RefundMessage, string>();
  const takenNow = new Map<string, number>();
  const accepted = new Set<string>();
  for (const m of [...messages].sort((a, b) => a.receivedAt - b.receivedAt)) {
    const refundKey = `${m.tenantId}|${m.refundKey}`;
    const orderKey = orderKeyOf(m.tenantId, m.input.orderId);
    const room = rooms.get(orderKey);
    if (room === undefined || accepted.has(refundKey) || isStored(m)) continue;
    const before = room.refunded + (takenNow.get(orderKey) ?? 0);
    const left = Math.max(0, room.amount - before);
    if (m.input.amount > left) {
      reasons.set(m, `refund of ${m.input.amount} ${m.input.currency} on order ${m.input.orderId} exceeds what is left of it (${left} ${room.currency} of ${room.amount} ${room.currency}, ${before} refunded before): send at most ${left}`);
      continue;
    }
    accepted.add(refundKey);
    takenNow.set(orderKey, (takenNow.get(orderKey) ?? 0) + m.input.amount);
  }
  return reasons;
}
