import { describe, expect, it } from "vitest";
import { requestSignals, velocitySignals, type ClickRequestFacts } from "./click-signals";

const chrome: ClickRequestFacts = {
  userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  accept: "text/html,application/xhtml+xml",
  acceptLanguage: "pt-BR,pt;q=0.9",
  secChUa: '"Chromium";v="131", "Google Chrome";v="131"',
  asn: 28573,
  adClickIds: {},
};
const rules = { paidSearchAllowed: false };

describe("click request signals", () => {
  it("finds nothing on a real browser's request", () => {
    expect(requestSignals(chrome, rules)).toEqual([]);
    const iphone = { ...chrome, userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1", secChUa: null };
    expect(requestSignals(iphone, rules)).toEqual([]);
  });

  it("tells bots, headless browsers, scripted requests and data centres", () => {
    expect(requestSignals({ ...chrome, userAgent: "Googlebot/2.1 (+http://www.google.com/bot.html)" }, rules)).toContain("bot_user_agent");
    expect(requestSignals({ ...chrome, userAgent: chrome.userAgent!.replace("Chrome/", "HeadlessChrome/") }, rules)).toContain("headless_browser");
    expect(requestSignals({ ...chrome, acceptLanguage: null }, rules)).toEqual(["missing_browser_headers"]);
    expect(requestSignals({ ...chrome, acceptLanguage: "*" }, rules)).toEqual(["missing_browser_headers"]);
    expect(requestSignals({ ...chrome, secChUa: null }, rules)).toEqual(["inconsistent_client_hints"]);
    expect(requestSignals({ ...chrome, asn: 16509 }, rules)).toEqual(["datacenter_network"]);
  });

  it("flags paid-search click ids only where the campaign forbids brand bidding", () => {
    expect(requestSignals({ ...chrome, adClickIds: { gclid: "x" } }, rules)).toEqual(["brand_bidding"]);
    expect(requestSignals({ ...chrome, adClickIds: { gclid: "x" } }, { paidSearchAllowed: true })).toEqual([]);
    // Facebook adds fbclid to organic shares too.
    expect(requestSignals({ ...chrome, adClickIds: { fbclid: "x" } }, rules)).toEqual([]);
  });

  it("turns counters over the limits into velocity signals", () => {
    expect(velocitySignals({ ipLastMinute: 3, ipLastHour: 10, visitorAffiliateLastHour: 1 })).toEqual([]);
    expect(velocitySignals({ ipLastMinute: 21, ipLastHour: 121, visitorAffiliateLastHour: 11 })).toEqual(["ip_velocity_minute", "ip_velocity_hour", "visitor_affiliate_velocity"]);
  });
});
