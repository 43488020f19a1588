/** Legitimate shoppers, one builder per scenario of issue 8. Each says what survives and what should earn. */
import { BROWSER_SHARE, browserHeaders, type Browser } from "../fraud/browsers";
import type { Networks } from "../fraud/networks";
import { chance, int, logUniform, pick, weighted, type Rng } from "../fraud/prng";
import { AFFILIATES_PER_MERCHANT } from "./merchants";
import type { Actor, Order, Report, Scenario } from "./plan";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Of legitimate shoppers, how many go through each scenario. */
export const SCENARIO_WEIGHT: Record<Scenario, number> = {
  same_device: 22, script_cookies_blocked: 10, cookies_expired_24h: 8, cookies_expired_7d: 8, script_blocked: 10,
  cross_device: 10, coupon_only: 8, multi_touch: 10, refunds: 8, recurring: 6,
};

const BROWSER_SIDE: Report = { browser: { cookies: true, localStorage: true, url: false }, s2s: { clickId: false, email: true, coupon: null } };

export function shopper(scenario: Scenario, key: string, r: Rng, nets: Networks): Actor {
  const browser = weighted<Browser>(r, BROWSER_SHARE);
  const aff = int(r, 0, AFFILIATES_PER_MERCHANT - 1);
  // The 24-hour case needs the merchant whose cookies last a day; the 7-day one the merchant of 7 days.
  const merchant = scenario === "cookies_expired_24h" ? 1 : scenario === "cookies_expired_7d" ? 0 : int(r, 0, 1);
  const a: Actor = {
    key, merchant, kind: scenario, variant: browser, fraud: false, headers: browserHeaders(browser, r), origin: nets.shopper(), floodOrigins: [],
    clicks: [{ affiliate: aff, campaign: "main", scored: true }], keepsCookies: true, linkCookiesReachShop: true, script: true,
    cookiesBlocked: false, identifies: false, orders: [], expectedTouches: [aff], expectedCampaign: "main", expectedSource: "cookie",
  };
  const email = `cliente-${key}@example.net`;
  const order = (delayMs: number, report: Report, extra: Partial<Order> = {}): Order =>
    ({ key: `${key}.o${a.orders.length}`, amount: int(r, 19_90, 899_99), delayMs, report, email, subscription: null, refunds: [], ...extra });
  // Inside the shorter merchant's day, so the click cookie is still there.
  const withinCookie = () => logUniform(r, 5 * MIN, 20 * HOUR);

  switch (scenario) {
    case "same_device":
      a.variant = chance(r, 0.08) ? "order-sent-at-once" : browser;
      a.orders.push(order(withinCookie(), BROWSER_SIDE, { racesClick: a.variant === "order-sent-at-once" }));
      break;
    case "script_cookies_blocked": {
      // The shop is on another domain than the link: only the server-set cookie of /_indica/click is first-party.
      a.linkCookiesReachShop = false;
      a.variant = pick(r, ["script-cookies-blocked", "all-cookies-blocked", "all-storage-blocked"]);
      if (a.variant === "all-cookies-blocked") (a.cookiesBlocked = true), (a.expectedSource = "local_storage");
      const allStorage = a.variant === "all-storage-blocked";
      if (allStorage) (a.cookiesBlocked = true), (a.expectedSource = "url");
      // With nothing stored, the order is placed on the landing page, whose URL still has the click id.
      a.orders.push(order(allStorage ? int(r, 2, 15) * MIN : withinCookie(), { ...BROWSER_SIDE, browser: { cookies: !a.cookiesBlocked, localStorage: !allStorage, url: allStorage } }));
      break;
    }
    case "cookies_expired_24h":
      // The click cookie (Max-Age one day) is gone; the script's localStorage copy is not.
      a.expectedSource = "local_storage";
      a.orders.push(order(int(r, 25, 47) * HOUR, BROWSER_SIDE));
      break;
    case "cookies_expired_7d": {
      // Past 7 days: the click cookie expired and Safari has wiped script storage; the 400-day visitor cookie stays.
      a.variant = chance(r, 0.15) ? "everything-cleared" : "visitor-cookie-left";
      const cleared = a.variant === "everything-cleared";
      if (cleared) (a.expectedTouches = null), (a.expectedSource = null);
      else a.expectedSource = "identity";
      a.orders.push(order(int(r, 8 * 24, 12 * 24) * HOUR, { browser: { cookies: !cleared, localStorage: false, url: false }, s2s: { clickId: false, email: true, coupon: null } }, cleared ? { email: `novo-${key}@example.net` } : {}));
      break;
    }
    case "script_blocked":
      // An ad blocker removes the script; the store kept the click id from the landing URL with the cart.
      a.script = false;
      a.expectedSource = "s2s_click_id";
      // Some orders reach the ingest Worker right behind their 302: the redirect queues its click in
      // waitUntil (up to 50 ms of batching, then the guards), the order is queued at once.
      a.variant = chance(r, 0.15) ? "order-sent-at-once" : browser;
      a.orders.push(order(logUniform(r, 5 * MIN, 5 * DAY), { browser: null, s2s: { clickId: true, email: true, coupon: null } }, { racesClick: a.variant === "order-sent-at-once" }));
      break;
    case "cross_device":
      // Clicked and signed up to the newsletter on the phone, bought days later on the laptop, logged in.
      a.identifies = true;
      a.expectedSource = "identity";
      a.orders.push(order(logUniform(r, HOUR, 10 * DAY), { browser: null, s2s: { clickId: false, email: true, coupon: null } }));
      break;
    case "coupon_only": {
      a.variant = chance(r, 0.7) ? "clicked-earlier-elsewhere" : "heard-the-code";
      a.expectedSource = "coupon";
      const report: Report = { browser: null, s2s: { clickId: false, email: true, coupon: `coupon:${aff}` } };
      if (a.variant === "heard-the-code") a.clicks = [];
      else a.identifies = true;
      a.orders.push(order(logUniform(r, HOUR, 5 * DAY), report));
      break;
    }
    case "multi_touch": {
      const others = [...Array(AFFILIATES_PER_MERCHANT).keys()].filter((i) => i !== aff);
      const touches = [aff, ...[0, 1].map(() => others.splice(int(r, 0, others.length - 1), 1)[0])].slice(0, int(r, 2, 3));
      a.clicks = touches.map((affiliate) => ({ affiliate, campaign: "multi", scored: true }));
      a.expectedTouches = touches;
      a.expectedCampaign = "multi";
      a.orders.push(order(withinCookie(), BROWSER_SIDE));
      break;
    }
    case "refunds": {
      a.variant = pick(r, ["partial", "full", "after-payout"]);
      const o = order(withinCookie(), { browser: null, s2s: { clickId: true, email: true, coupon: null } });
      a.expectedSource = "s2s_click_id";
      const part = Math.floor(o.amount / int(r, 2, 5));
      o.refunds = a.variant === "partial" ? [{ amount: part, afterPayout: false }]
        : a.variant === "full" ? [{ amount: part, afterPayout: false }, { amount: o.amount - part, afterPayout: false }]
        : [{ amount: part, afterPayout: true }];
      a.orders.push(o);
      break;
    }
    case "recurring": {
      a.expectedSource = "s2s_click_id";
      const sub = { id: `sub-${key}`, renewal: 0 };
      const first = order(withinCookie(), { browser: null, s2s: { clickId: true, email: true, coupon: null } }, { subscription: sub });
      a.orders.push(first);
      // Monthly payments on the controlled clock, no click of their own.
      for (let n = 1; n <= int(r, 1, 2); n++) {
        a.orders.push(order(first.delayMs + n * 30 * DAY, { browser: null, s2s: { clickId: false, email: true, coupon: null } }, { amount: first.amount, subscription: { id: sub.id, renewal: n } }));
      }
      break;
    }
  }
  return a;
}
