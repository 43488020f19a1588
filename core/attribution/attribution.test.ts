import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { attribute } from "./attribute";
import { touchWeights } from "./models";
import { applyBasisPoints, splitByWeights } from "./split";
import { EVERY_MODEL } from "./models.fixture";

const HOUR = 3_600_000;
const models = EVERY_MODEL;
const touchesArb = fc.array(fc.record({ affiliateId: fc.constantFrom("aff_a", "aff_b", "aff_c", "aff_d"), at: fc.integer({ min: 0, max: 29 * 24 * HOUR }) }), { minLength: 1, maxLength: 12 });
const conversionAt = 30 * 24 * HOUR;

describe("splitByWeights", () => {
  it("never loses or invents a cent", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_00 }), fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 20 }), (total, weights) => {
        const parts = splitByWeights(total, weights);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        for (const p of parts) expect(Number.isInteger(p) && p >= 0).toBe(true);
      }),
    );
  });
});

describe("applyBasisPoints", () => {
  it("rounds half to even", () => {
    expect(applyBasisPoints(25_000, 1_000)).toBe(2_500); // R$ 250,00 at 10% = R$ 25,00
    expect(applyBasisPoints(5, 5_000)).toBe(2); // 2.5 → 2
    expect(applyBasisPoints(7, 5_000)).toBe(4); // 3.5 → 4
    expect(applyBasisPoints(1, 3_333)).toBe(0);
  });
});

describe("attribution models", () => {
  it("shares sum exactly to the commission and to 100%, for every model", () => {
    fc.assert(
      fc.property(touchesArb, fc.constantFrom(...models), fc.integer({ min: 0, max: 1_000_000 }), (touches, model, commission) => {
        const shares = attribute({ touches, conversionAt, windowDays: 30, model, commission });
        expect(shares.reduce((a, s) => a + s.amount, 0)).toBe(commission);
        expect(shares.reduce((a, s) => a + s.shareBp, 0)).toBe(10_000);
        expect(attribute({ touches, conversionAt, windowDays: 30, model, commission })).toEqual(shares);
      }),
    );
  });

  it("first and last click pick the right touch; linear is equal; time decay never favours an older touch", () => {
    fc.assert(
      fc.property(touchesArb, (raw) => {
        const touches = [...raw].sort((a, b) => a.at - b.at);
        expect(touchWeights(touches, { kind: "last_click" }, conversionAt).at(-1)).toBe(1);
        expect(touchWeights(touches, { kind: "first_click" }, conversionAt)[0]).toBe(1);
        const linear = touchWeights(touches, { kind: "linear" }, conversionAt);
        for (const w of linear) expect(w).toBeCloseTo(1 / touches.length, 12);
        const decay = touchWeights(touches, { kind: "time_decay", halfLifeHours: 24 }, conversionAt);
        for (let i = 1; i < decay.length; i++) expect(decay[i]).toBeGreaterThanOrEqual(decay[i - 1] - 1e-12);
      }),
    );
  });

  it("ignores touches outside the window and explains the decision", () => {
    const shares = attribute({
      touches: [{ affiliateId: "aff_old", at: 0 }, { affiliateId: "aff_a", at: conversionAt - HOUR }],
      conversionAt,
      windowDays: 7,
      model: { kind: "last_click" },
      commission: 2_500,
    });
    expect(shares).toEqual([{ affiliateId: "aff_a", shareBp: 10_000, amount: 2_500, explanation: "last click over 1 touch in the last 7 days: 1 by this affiliate, 100.00% of the credit", decisions: [], heldForReview: false }]);
  });

  it("position based gives 40/20/40 over three touches", () => {
    const touches = ["aff_a", "aff_b", "aff_c"].map((affiliateId, i) => ({ affiliateId, at: conversionAt - (3 - i) * HOUR }));
    const shares = attribute({ touches, conversionAt, windowDays: 30, model: { kind: "position_based", first: 40, last: 40 }, commission: 1_000 });
    expect(shares.map((s) => [s.affiliateId, s.shareBp, s.amount])).toEqual([["aff_a", 4_000, 400], ["aff_b", 2_000, 200], ["aff_c", 4_000, 400]]);
  });
});
