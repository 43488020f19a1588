import { describe, expect, it } from "vitest";
import { conversionSignals, type ConversionFacts } from "./conversion-signals";

const base: ConversionFacts = {
  match: { source: "cookie", clickId: "clk_1", affiliateId: "aff_1" },
  occurredAt: 1_000_000,
  emailHash: "a".repeat(64),
  click: { at: 1_000_000 - 3_600_000, reasons: [], minClickToConversionSeconds: 10 },
  affiliateEmailHash: "b".repeat(64),
  shopperClicked: true,
  timeFromShopServer: true,
};

describe("conversion signals", () => {
  it("finds nothing on an ordinary order an hour after its click", () => {
    expect(conversionSignals(base)).toEqual([]);
  });

  it("tells click injection, self-referral, leaked coupons and flagged clicks", () => {
    expect(conversionSignals({ ...base, click: { ...base.click!, at: base.occurredAt - 4_000 } })).toEqual(["fast_conversion"]);
    expect(conversionSignals({ ...base, affiliateEmailHash: base.emailHash })).toEqual(["self_referral"]);
    expect(conversionSignals({ ...base, match: { source: "coupon", clickId: null, affiliateId: "aff_1" }, click: null, shopperClicked: false })).toEqual(["leaked_coupon"]);
    // A campaign built on codes shared by voice trusts coupon-only orders.
    expect(conversionSignals({ ...base, match: { source: "coupon", clickId: null, affiliateId: "aff_1" }, click: null, shopperClicked: false, couponOnlyOrders: "trust" })).toEqual([]);
    // A shopper who clicked and used the affiliate's coupon is no leak.
    expect(conversionSignals({ ...base, match: { source: "coupon", clickId: null, affiliateId: "aff_1" }, click: null, shopperClicked: true })).toEqual([]);
    expect(conversionSignals({ ...base, click: { ...base.click!, reasons: ["brand_bidding", "not_a_reason"] } })).toEqual(["brand_bidding"]);
  });

  it("reads an order well before its own click as the shop's clock, not as a fast conversion", () => {
    // Local time sent as UTC: a Brazilian order placed 10 minutes after its click arrives 2 h 50 min early.
    expect(conversionSignals({ ...base, occurredAt: base.click!.at - 170 * 60_000 })).toEqual(["order_before_click"]);
    // A few seconds of disagreement between clocks is still judged by the click-to-order time.
    expect(conversionSignals({ ...base, occurredAt: base.click!.at - 5_000 })).toEqual(["fast_conversion"]);
    expect(conversionSignals({ ...base, occurredAt: base.click!.at - 60_000 })).toEqual(["fast_conversion"]);
    expect(conversionSignals({ ...base, occurredAt: base.click!.at - 60_001 })).toEqual(["order_before_click"]);
  });

  it("still judges a browser-reported order timed before its click as fast: the shopper's device sets its time", () => {
    expect(conversionSignals({ ...base, timeFromShopServer: false, occurredAt: base.click!.at - 170 * 60_000 })).toEqual(["fast_conversion"]);
  });
});
