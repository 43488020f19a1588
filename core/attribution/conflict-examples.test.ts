import { describe, expect, it } from "vitest";
import { attribute, type AttributionInput } from "./attribute";
import { DEFAULT_CONFLICT_RULES, type ConflictRules } from "./conflict-rules";
import { LANDING_GRACE_MS } from "./direct-visits";

const HOUR = 3_600_000;
const conversionAt = 30 * 24 * HOUR;
const input = (over: Partial<AttributionInput>): AttributionInput => ({ touches: [], conversionAt, windowDays: 30, model: { kind: "last_click" }, commission: 1_000, ...over });

describe("conflict rules: worked examples", () => {
  const clickA = { affiliateId: "aff_ana", at: conversionAt - 2 * HOUR };
  const clickA2 = { affiliateId: "aff_ana", at: conversionAt - 3 * HOUR };
  const coupon = { code: "MARIA10", affiliateId: "aff_maria" };
  const rules = (over: Partial<ConflictRules>) => ({ ...DEFAULT_CONFLICT_RULES, ...over });

  it("link first keeps the click's affiliate and says the coupon did not count; coupon first says what it outranked", () => {
    const linkFirst = attribute(input({ touches: [clickA, clickA2], conflicts: { coupon } }));
    expect(linkFirst.map((s) => [s.affiliateId, s.amount])).toEqual([["aff_ana", 1_000]]);
    expect(linkFirst[0].decisions).toEqual(["link first: the coupon MARIA10 of affiliate aff_maria did not count, because clicks identify the shopper"]);
    const couponFirst = attribute(input({ touches: [clickA, clickA2], conflictRules: rules({ linkVsCoupon: "coupon_first" }), conflicts: { coupon } }));
    expect(couponFirst.map((s) => [s.affiliateId, s.amount])).toEqual([["aff_maria", 1_000]]);
    expect(couponFirst[0].decisions).toEqual(["coupon first: the coupon MARIA10 of this affiliate outranks 2 clicks of others"]);
  });

  it("both makes the coupon one more touch: linear over a click and a coupon is 50/50", () => {
    const shares = attribute(input({ touches: [clickA], model: { kind: "linear" }, conflictRules: rules({ linkVsCoupon: "both" }), conflicts: { coupon } }));
    expect(shares.map((s) => [s.affiliateId, s.shareBp, s.amount])).toEqual([["aff_ana", 5_000, 500], ["aff_maria", 5_000, 500]]);
    expect(shares[0].decisions[0]).toMatch(/^link and coupon both count: the coupon MARIA10/);
  });

  it("self-referral: exclude hands the order to the other affiliate, allow pays and says so", () => {
    const touches = [clickA, { affiliateId: "aff_self", at: conversionAt - HOUR }];
    const excluded = attribute(input({ touches, conflictRules: rules({ selfReferral: "exclude" }), conflicts: { selfReferrers: ["aff_self"] } }));
    expect(excluded.map((s) => [s.affiliateId, s.amount, s.heldForReview])).toEqual([["aff_ana", 1_000, false]]);
    expect(excluded[0].decisions).toEqual(["self-referral excluded: the order carries the own email of affiliate aff_self, whose 1 touch did not count"]);
    const held = attribute(input({ touches, conflicts: { selfReferrers: ["aff_self"] } }));
    expect(held.map((s) => [s.affiliateId, s.amount, s.heldForReview])).toEqual([["aff_self", 1_000, true]]);
    const allowed = attribute(input({ touches, conflictRules: rules({ selfReferral: "allow" }), conflicts: { selfReferrers: ["aff_self"] } }));
    expect(allowed[0]).toMatchObject({ affiliateId: "aff_self", heldForReview: false, decisions: [expect.stringMatching(/^self-referral allowed/)] });
  });

  it("ties: last click at one moment of two affiliates goes to the later listed by default, split halves it", () => {
    const at = conversionAt - HOUR;
    const touches = [{ affiliateId: "aff_a", at }, { affiliateId: "aff_b", at }];
    const first = attribute(input({ touches, commission: 1_001 }));
    expect(first.map((s) => [s.affiliateId, s.amount])).toEqual([["aff_b", 1_001]]);
    expect(first[0].decisions[0]).toMatch(/^tie kept in order: 2 affiliates/);
    const split = attribute(input({ touches, commission: 1_001, conflictRules: rules({ ties: "split" }) }));
    expect(split.map((s) => [s.affiliateId, s.shareBp, s.amount])).toEqual([["aff_a", 5_000, 501], ["aff_b", 5_000, 500]]);
    expect(split[0].decisions).toEqual(["tie split: 2 affiliates touched at the same moment and share its credit equally"]);
  });

  it("breaks credit: a later visit through no affiliate ends an earlier click's credit, but its own landing does not", () => {
    const visit = conversionAt - HOUR;
    const broken = attribute(input({ touches: [clickA2], conflictRules: rules({ directOrganic: "breaks_credit" }), conflicts: { entryVisits: [visit] } }));
    expect(broken).toEqual([]);
    const landing = attribute(input({ touches: [clickA2], conflictRules: rules({ directOrganic: "breaks_credit" }), conflicts: { entryVisits: [clickA2.at + LANDING_GRACE_MS - 1] } }));
    expect(landing.map((s) => s.affiliateId)).toEqual(["aff_ana"]);
    // The coupon typed in that direct visit still decides.
    const withCoupon = attribute(input({ touches: [clickA2], conflictRules: rules({ directOrganic: "breaks_credit" }), conflicts: { entryVisits: [visit], coupon } }));
    expect(withCoupon.map((s) => s.affiliateId)).toEqual(["aff_maria"]);
    expect(withCoupon[0].decisions[0]).toMatch(/^direct visit breaks credit: 1 click before/);
  });
});
