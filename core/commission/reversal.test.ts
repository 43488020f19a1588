import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reversalAmount } from "./reversal";

describe("reversalAmount", () => {
  it("reverses the refunded fraction, and everything left on the last refund", () => {
    expect(reversalAmount({ commission: 2_500, alreadyReversed: 0, orderAmount: 25_000, refundedBefore: 0, refund: 5_000 })).toBe(500);
    expect(reversalAmount({ commission: 2_500, alreadyReversed: 500, orderAmount: 25_000, refundedBefore: 5_000, refund: 20_000 })).toBe(2_000);
  });

  it("never reverses more than was earned, over any series of partial refunds", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 10_000_000 }), fc.array(fc.integer({ min: 1, max: 10_000_000 }), { maxLength: 8 }), (commission, order, refunds) => {
        let reversed = 0;
        let refunded = 0;
        for (const refund of refunds) {
          const r = reversalAmount({ commission, alreadyReversed: reversed, orderAmount: order, refundedBefore: refunded, refund });
          expect(r).toBeGreaterThanOrEqual(0);
          reversed += r;
          refunded += refund;
          expect(reversed).toBeLessThanOrEqual(commission);
        }
        if (refunded >= order) expect(reversed).toBe(commission);
      }),
    );
  });
});
