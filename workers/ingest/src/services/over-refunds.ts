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
  const accepted = new Map<string, RefundMessage>();
  for (const m of [...messages].sort((a, b) => a.receivedAt - b.receivedAt)) {
    const refundKey = `${m.tenantId}|${m.refundKey}`;
    const orderKey = orderKeyOf(m.tenantId, m.input.orderId);
    const room = rooms.get(orderKey);
    const first = accepted.get(refundKey);
    // One refund id twice in a batch: the same refund again is a redelivery; another amount is not applied
    // (only one row per refund id is stored, and it must be the one judged).
    if (first && first.input.amount !== m.input.amount) {
      reasons.set(m, `refund id ${m.refundKey} arrived again with another amount (${m.input.amount} ${m.input.currency}, after ${first.input.amount}): the first received was applied; refund ids must name one refund`);
      continue;
    }
    if (first || isStored(m)) continue;
    if (room === undefined) {
      accepted.set(refundKey, m);
      continue;
    }
    const before = room.refunded + (takenNow.get(orderKey) ?? 0);
    const left = Math.max(0, room.amount - before);
    if (m.input.amount > left) {
      reasons.set(m, `refund of ${m.input.amount} ${m.input.currency} on order ${m.input.orderId} exceeds what is left of it (${left} ${room.currency} of ${room.amount} ${room.currency}, ${before} refunded before): send at most ${left}`);
      continue;
    }
    accepted.set(refundKey, m);
    takenNow.set(orderKey, (takenNow.get(orderKey) ?? 0) + m.input.amount);
  }
  return reasons;
}
