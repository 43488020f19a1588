import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assess, FRAUD_SIGNALS, type FraudReason } from "./fraud";

const reasons = Object.keys(FRAUD_SIGNALS) as FraudReason[];
const someReasons = fc.subarray(reasons);

describe("fraud score", () => {
  it("is 0 with no signal and the signal's weight with one", () => {
    expect(assess([])).toEqual({ score: 0, reasons: [], flagged: false });
    for (const r of reasons) expect(assess([r]).score).toBe(FRAUD_SIGNALS[r]);
  });

  it("stays within 0..100, ignores repeats and does not depend on order", () => {
    fc.assert(
      fc.property(someReasons, (rs) => {
        const a = assess(rs);
        expect(a.score).toBeGreaterThanOrEqual(0);
        expect(a.score).toBeLessThanOrEqual(100);
        expect(assess([...rs, ...rs].reverse())).toEqual(a);
      }),
    );
  });

  it("never decreases when a signal is added", () => {
    fc.assert(
      fc.property(someReasons, fc.constantFrom(...reasons), (rs, extra) => {
        expect(assess([...rs, extra]).score).toBeGreaterThanOrEqual(assess(rs).score);
      }),
    );
  });

  it("flags strong signals alone and weak ones only together", () => {
    expect(assess(["self_referral"]).flagged).toBe(true);
    expect(assess(["missing_browser_headers"]).flagged).toBe(false);
    expect(assess(["missing_browser_headers", "inconsistent_client_hints"]).flagged).toBe(true);
  });
});
