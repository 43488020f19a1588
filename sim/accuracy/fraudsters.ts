/**
 * The fraud mix of issue 8 (about 17% of actors): crawlers and headless browsers, click floods from one
 * network, affiliates buying through their own link, click injection seconds before an order the shopper
 * was placing anyway, and coupon codes leaked to coupon sites.
 */
import { BROWSER_SHARE, browserHeaders, crawlerHeaders, headlessHeaders, scriptedHeaders, type Browser } from "../fraud/browsers";
import type { Networks } from "../fraud/networks";
import { int, logUniform, pick, weighted, type Rng } from "../fraud/prng";
import { AFFILIATES_PER_MERCHANT } from "./merchants";
import type { Actor, FraudKind } from "./plan";

export const FRAUD_SHARE = 0.17;
export const FRAUD_WEIGHT: Record<FraudKind, number> = { bot: 30, click_flood: 10, self_referral: 20, click_injection: 20, leaked_coupon: 20 };

const SERVER_ONLY = { browser: null, s2s: { clickId: true, email: true, coupon: null } };

export function fraudster(kind: FraudKind, key: string, r: Rng, nets: Networks): Actor {
  const aff = int(r, 0, AFFILIATES_PER_MERCHANT - 1);
  const a: Actor = {
    key, merchant: int(r, 0, 1), kind, variant: kind, fraud: true, headers: browserHeaders(weighted<Browser>(r, BROWSER_SHARE), r), origin: nets.shopper(),
    floodOrigins: [], clicks: [], keepsCookies: true, linkCookiesReachShop: true, script: false, cookiesBlocked: false, identifies: false,
    orders: [], expectedTouches: null, expectedCampaign: "main", expectedSource: null,
  };
  const amount = () => int(r, 49_90, 1_499_90);
  switch (kind) {
    case "bot": {
      a.variant = pick(r, ["crawler", "crawler", "headless", "script-hosting"]);
      [a.origin] = nets.network(true, 1);
      a.headers = a.variant === "crawler" ? crawlerHeaders(r) : a.variant === "headless" ? headlessHeaders(r) : scriptedHeaders(r);
      a.keepsCookies = a.variant === "headless";
      a.clicks = Array.from({ length: int(r, 1, 3) }, () => ({ affiliate: aff, campaign: "main", scored: true }));
      break;
    }
    case "click_flood": {
      // Real browsers on a home network (a click farm's phones) look like shoppers one by one: only the
      // network's rate gives them away.
      a.variant = pick(r, ["script-hosting", "script-isp", "browser-isp"]);
      const origins = nets.network(a.variant === "script-hosting", int(r, 1, 4));
      [a.origin] = origins;
      a.floodOrigins = origins;
      a.headers = a.variant === "browser-isp" ? browserHeaders(weighted<Browser>(r, BROWSER_SHARE), r) : scriptedHeaders(r);
      a.keepsCookies = false;
      a.clicks = Array.from({ length: int(r, 30, 60) }, () => ({ affiliate: aff, campaign: "main", scored: true }));
      break;
    }
    case "self_referral":
      // The affiliate's own email, as typed at checkout (the product trims and lower-cases it).
      a.clicks = [{ affiliate: aff, campaign: "main", scored: false }];
      a.orders.push({ key: `${key}.o0`, amount: amount(), delayMs: logUniform(r, 10 * 60_000, 20 * 3_600_000), report: SERVER_ONLY, email: `self:${aff}`, subscription: null, refunds: [] });
      break;
    case "click_injection":
      // Malware fires the click seconds before the order: the order is real, the referral is not.
      a.clicks = [{ affiliate: aff, campaign: "main", scored: false }];
      a.orders.push({ key: `${key}.o0`, amount: amount(), delayMs: int(r, 1_500, 8_000), report: SERVER_ONLY, email: `cliente-${key}@example.net`, subscription: null, refunds: [] });
      break;
    case "leaked_coupon":
      a.orders.push({ key: `${key}.o0`, amount: amount(), delayMs: int(r, 0, 3_600_000), report: { browser: null, s2s: { clickId: false, email: true, coupon: `coupon:${aff}` } }, email: `cliente-${key}@example.net`, subscription: null, refunds: [] });
      break;
  }
  return a;
}
