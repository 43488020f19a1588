import { describe, expect, it } from "vitest";
import { decideClick } from "./click-decision";
import { fraudSettingsFrom } from "./fraud-settings";
import type { LinkRecord } from "./link-record";

const link: LinkRecord = {
  linkId: "lnk_1", tenantId: "tnt_1", campaignId: "cmp_1", affiliateId: "aff_1",
  destinationUrl: "https://loja.example/", subIds: {}, linkStatus: "active", campaignStatus: "active",
  affiliateStatus: "active", cookieLifetimeDays: 30, dedupWindowSeconds: 30, clickParam: "indica_cid", cookieDomain: null, consentMode: "not_required",
  fraud: fraudSettingsFrom({}),
};

describe("decideClick", () => {
  it("tracks a browser GET on an active link", () => {
    expect(decideClick(link, { method: "GET", isBot: false })).toEqual({ track: true });
  });

  it.each([
    [{ method: "HEAD", isBot: false }, link, "head_request"],
    [{ method: "GET", isBot: true }, link, "bot"],
    [{ method: "GET", isBot: false }, { ...link, linkStatus: "disabled" }, "link_disabled"],
    [{ method: "GET", isBot: false }, { ...link, campaignStatus: "paused" }, "campaign_inactive"],
    [{ method: "GET", isBot: false }, { ...link, affiliateStatus: "suspended" }, "affiliate_inactive"],
  ] as const)("does not track %o on %o", (ctx, l, reason) => {
    expect(decideClick(l, ctx)).toEqual({ track: false, reason });
  });
});
