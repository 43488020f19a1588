import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reversalAmount } from "./reversal";

describe("reversalAmount", () => {
  it("reverses the refunded fraction, and everything left on the last refund", () => {
    expect(reversalAmount({ commission: 2_500, alreadyReversed: 0, orderAmount: 25_000, refundedBefore: 0, refund: 5_000 })).toBe(500);
    expect(reversalAmount({ commission: 2_500, alreadyReversed: 500, orderAmount: 25_000, refundedBefore: 5_000, refund: 20_000 })).toBe(2_000);
  });

  it("rounds the cumulative refunded total, so partial refunds do not fall short of the exact fraction", () => {
    // 1,000 of an order of 25,010, refunds of 5,000 then 10,000: exactly 599.76 back, so 599 (not 199 + 399 = 598).
    const first = reversalAmount({ commission: 1_000, alreadyReversed: 0, orderAmount: 25_010, refundedBefore: 0, refund: 5_000 });
    const second = reversalAmount({ commission: 1_000, alreadyReversed: first, orderAmount: 25_010, refundedBefore: 5_000, refund: 10_000 });
    expect([first, second]).toEqual([199, 400]);
    expect(first + second).toBe(599);
    // Three commissions of that order (1,000, 1,001, 500): exactly 599.76 + 600.36 + 299.88; was 598 + 600 + 298 = 1,496.
    const total = [1_000, 1_001, 500].map((commission) => {
      const a = reversalAmount({ commission, alreadyReversed: 0, orderAmount: 25_010, refundedBefore: 0, refund: 5_000 });
      return a + reversalAmount({ commission, alreadyReversed: a, orderAmount: 25_010, refundedBefore: 5_000, refund: 10_000 });
    });
    expect(total).toEqual([599, 600, 299]);
  });

  it("after any series of partial refunds, has reversed floor(commission × refunded ÷ amount), or all of it once fully refunded", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 10_000_000 }), fc.array(fc.integer({ min: 1, max: 10_000_000 }), { maxLength: 8 }), (commission, order, refunds) => {
        let reversed = 0;
        let refunded = 0;
        for (const refund of refunds) {
          reversed += reversalAmount({ commission, alreadyReversed: reversed, orderAmount: order, refundedBefore: refunded, refund });
          refunded += refund;
          const expected = refunded >= order ? commission : Math.floor((commission * refunded) / order);
          expect(reversed).toBe(expected);
        }
      }),
    );
  });

  it("is idempotent: a refund applied again (the same cumulative total) takes back nothing more", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 10_000_000 }), (commission, order, before, refund) => {
        const alreadyReversed = before >= order ? commission : Math.floor((commission * before) / order);
        const once = reversalAmount({ commission, alreadyReversed, orderAmount: order, refundedBefore: before, refund });
        expect(reversalAmount({ commission, alreadyReversed: alreadyReversed + once, orderAmount: order, refundedBefore: before, refund })).toBe(0);
      }),
    );
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
