import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IDENTITY_STEPS, resolveIdentity, type IdentityCandidates } from "./identity-chain";

const affiliates: Record<string, string> = { clk_cookie: "aff_1", clk_ls: "aff_2", clk_url: "aff_3", clk_s2s: "aff_4" };
const affiliateOf = (id: string) => affiliates[id] ?? null;

const full: IdentityCandidates = {
  cookieClickId: "clk_cookie",
  localStorageClickId: "clk_ls",
  urlClickId: "clk_url",
  s2sClickId: "clk_s2s",
  couponAffiliateId: "aff_coupon",
  identityClick: { clickId: "clk_identity", affiliateId: "aff_identity" },
};
const keys = ["cookieClickId", "localStorageClickId", "urlClickId", "s2sClickId", "couponAffiliateId", "identityClick"] as const;

describe("identity fallback chain", () => {
  it.each(IDENTITY_STEPS.map((step, i) => [step, i] as const))("falls back to %s when every earlier step is missing", (step, i) => {
    const c: IdentityCandidates = { ...full };
    for (const k of keys.slice(0, i)) c[k] = null;
    expect(resolveIdentity(c, affiliateOf)?.source).toBe(step);
  });

  it("keeps a click id whose click is not stored yet, with no affiliate", () => {
    expect(resolveIdentity({ s2sClickId: "clk_unknown" }, affiliateOf)).toEqual({ source: "s2s_click_id", clickId: "clk_unknown", affiliateId: null });
  });

  it("finds nothing when nothing identifies the shopper", () => {
    expect(resolveIdentity({}, affiliateOf)).toBeNull();
  });

  it("always picks the earliest step present", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), (present) => {
        const c: IdentityCandidates = {};
        keys.forEach((k, i) => present[i] && Object.assign(c, { [k]: full[k] }));
        const first = present.indexOf(true);
        expect(resolveIdentity(c, affiliateOf)?.source ?? null).toBe(first === -1 ? null : IDENTITY_STEPS[first]);
      }),
    );
  });
});
