import { describe, expect, it } from "vitest";
import type { RefundMessage } from "../../../../core/schemas/queue-event";
import { overRefunds } from "./over-refunds";
import { orderKeyOf, type OrderRoom } from "./refund-room";

const T = "tnt_a";
const refund = (refundKey: string, amount: number, receivedAt: number, orderId = "1001"): RefundMessage => ({
  type: "refund", v: 1, tenantId: T, receivedAt, refundKey, input: { orderId, amount, currency: "BRL" },
});
const rooms = (refunded = 0) => new Map<string, OrderRoom>([[orderKeyOf(T, "1001"), { currency: "BRL", amount: 10_000, refunded }]]);
const none = () => false;

describe("refunds larger than what is left of their order", () => {
  it("names the refund, what is left and what to send", () => {
    const r = refund("r1", 12_000, 1);
    expect(overRefunds([r], rooms(), none).get(r)).toBe(
      "refund of 12000 BRL on order 1001 exceeds what is left of it (10000 BRL of 10000 BRL, 0 refunded before): send at most 10000",
    );
  });

  it("lets exactly what is left through", () => {
    expect(overRefunds([refund("r1", 4_000, 1)], rooms(6_000), none).size).toBe(0);
  });

  it("counts the batch's earlier refunds in the order received, not in the order listed", () => {
    const first = refund("r1", 6_000, 1);
    const second = refund("r2", 6_000, 2);
    const reasons = overRefunds([second, first], rooms(), none);
    expect([...reasons.keys()]).toEqual([second]);
    expect(reasons.get(second)).toContain("(4000 BRL of 10000 BRL, 6000 refunded before): send at most 4000");
  });

  it("does not judge a stored refund again, nor count a refund twice in one batch", () => {
    const stored = refund("r1", 10_000, 1);
    expect(overRefunds([stored], rooms(10_000), (m) => m.refundKey === "r1").size).toBe(0);
    expect(overRefunds([refund("r2", 6_000, 1), refund("r2", 6_000, 2)], rooms(), none).size).toBe(0);
  });

  it("applies the first received of one refund id sent twice with different amounts, and says so of the other", () => {
    const small = refund("r1", 4_000, 1);
    const large = refund("r1", 12_000, 2);
    const reasons = overRefunds([large, small], rooms(), none);
    expect([...reasons.keys()]).toEqual([large]);
    expect(reasons.get(large)).toBe("refund id r1 arrived again with another amount (12000 BRL, after 4000): the first received was applied; refund ids must name one refund");
    // Also before its order arrived: only one row per refund id is stored, and it is the first received.
    const early = [refund("r2", 1_000, 1, "later"), refund("r2", 2_000, 2, "later")];
    expect([...overRefunds(early, rooms(), none).keys()]).toEqual([early[1]]);
  });

  it("stores a refund whose order has not arrived, as before", () => {
    expect(overRefunds([refund("r1", 99_000, 1, "later")], rooms(), none).size).toBe(0);
  });
});
