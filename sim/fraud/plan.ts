/**
 * The labelled traffic: from a seed and a number of shoppers, every actor (a shopper or a fraudster) with
 * the requests it makes and when. Same seed and size, same plan. What is scored: every click and order,
 * except the clicks behind order-level schemes (self-referral, click injection), where the order is what
 * earns the commission and what the product judges.
 */
import { BROWSER_SHARE, browserHeaders, crawlerHeaders, headlessHeaders, scriptedHeaders, type Browser, type Headers } from "./browsers";
import { Networks, VPN_ASNS, type Origin } from "./networks";
import { apportion, chance, int, logUniform, mulberry32, pick, weighted, type Rng } from "./prng";

export const FRAUD_PATTERNS = ["click_flood", "bot", "self_referral", "click_injection", "leaked_coupon", "brand_bidding"] as const;
export type FraudPattern = (typeof FRAUD_PATTERNS)[number];
export type Pattern = "legit" | FraudPattern;

/** Of all actors, the share that is fraud (the issue's ~17%), and how that share splits over the schemes. */
export const FRAUD_SHARE = 0.17;
const PATTERN_SHARE: Record<FraudPattern, number> = { click_flood: 10, bot: 25, self_referral: 12, click_injection: 18, leaked_coupon: 20, brand_bidding: 15 };

/** First clicks fall in this window of the run; repeats and floods may run a little past it. */
export const WINDOW_MS = 25_000;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export interface Label {
  pattern: Pattern;
  /** How this actor goes about it (browser, network, header style...), for the per-variant rows. */
  variant: string;
}

export interface ClickStep {
  type: "click";
  key: string;
  /** When to send it, in ms from the start of the run. */
  at: number;
  headers: Headers;
  origin: Origin;
  /** Query string on the affiliate link ("" or "?gclid=..."). */
  query: string;
  /** Send back the visitor cookie an earlier click of this actor got (browsers keep cookies, scripts do not). */
  keepsCookies: boolean;
  scored: boolean;
}

export interface OrderStep {
  type: "order";
  key: string;
  /**
   * live: sent `delayMs` after the previous click answered, occurredAt = the moment it is sent (a real wait).
   * later: sent once every click is stored, with occurredAt = its click's time (or the run's start) + delayMs.
   */
  when: "live" | "later";
  delayMs: number;
  /** The click whose id the merchant's server sends with the order (captured from the landing URL). */
  clickKey: string | null;
  coupon: string | null;
  /** The shopper's email, or how the affiliate typed its own ("self"): as registered, upper case, padded. */
  email: string | { self: "exact" | "upper" | "padded" };
  amount: number;
}

export type Step = ClickStep | OrderStep;

export interface Actor {
  id: number;
  label: Label;
  steps: Step[];
}

export interface Plan {
  seed: number;
  size: number;
  /** The affiliate's coupon, as registered; shoppers type it in any case. */
  coupon: string;
  actors: Actor[];
}

export const COUPON = "MARIA10";

export const isFraud = (l: Label) => l.pattern !== "legit";

export function planTraffic(seed: number, size: number): Plan {
  const r = mulberry32(seed);
  const nets = new Networks(r);
  const fraudActors = Math.max(FRAUD_PATTERNS.length, Math.round(size * FRAUD_SHARE));
  const counts = apportion(fraudActors, PATTERN_SHARE);
  const kinds: Pattern[] = [...Array(Math.max(0, size - fraudActors)).fill("legit"), ...FRAUD_PATTERNS.flatMap((p) => Array(counts[p]).fill(p))];
  // Interleave the kinds so fraud is spread over the run, not bunched at its end.
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
  }
  const actors = kinds.map((kind, id) => makeActor(kind, id, r, nets));
  return { seed, size: actors.length, coupon: COUPON, actors };
}

function makeActor(kind: Pattern, id: number, r: Rng, nets: Networks): Actor {
  const b = new ActorBuilder(id, r);
  switch (kind) {
    case "legit": return legitShopper(b, r, nets);
    case "click_flood": return clickFlood(b, r, nets);
    case "bot": return bot(b, r, nets);
    case "self_referral": return selfReferral(b, r, nets);
    case "click_injection": return clickInjection(b, r, nets);
    case "leaked_coupon": return leakedCoupon(b, r);
    case "brand_bidding": return brandBidding(b, r, nets);
  }
}

class ActorBuilder {
  readonly steps: Step[] = [];
  constructor(readonly id: number, private r: Rng) {}
  click(at: number, headers: Headers, origin: Origin, o: { query?: string; keepsCookies?: boolean; scored?: boolean } = {}): string {
    const key = `a${this.id}.c${this.steps.length}`;
    this.steps.push({ type: "click", key, at: Math.round(at), headers, origin, query: o.query ?? "", keepsCookies: o.keepsCookies ?? true, scored: o.scored ?? true });
    return key;
  }
  order(o: Omit<OrderStep, "type" | "key" | "amount">): void {
    this.steps.push({ type: "order", key: `a${this.id}.o`, amount: int(this.r, 29_90, 499_90), ...o });
  }
  done(label: Label): Actor {
    return { id: this.id, label, steps: this.steps };
  }
}

const shopperEmail = (id: number) => `cliente${id}@example.net`;
const couponAsTyped = (r: Rng) => pick(r, [COUPON, COUPON.toLowerCase(), "Maria10"]);
const TOKEN_CHARS = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"];
const randomToken = (r: Rng, n: number) => Array.from({ length: n }, () => pick(r, TOKEN_CHARS)).join("");

/** Where legitimate shoppers follow the link from; Facebook adds `fbclid` to every outbound link, ads or not. */
function arrival(r: Rng): { variant: string | null; query: string; referer: string | null } {
  const from = weighted(r, { direct: 40, instagram: 25, facebook: 8, blog: 15, whatsapp: 12 });
  if (from === "facebook") return { variant: "facebook-organic", query: `?fbclid=IwAR${randomToken(r, 58)}`, referer: "https://l.facebook.com/" };
  const referer = { direct: null, instagram: "https://l.instagram.com/", blog: "https://blog.example.org/reviews", whatsapp: null }[from];
  return { variant: null, query: "", referer };
}

function legitShopper(b: ActorBuilder, r: Rng, nets: Networks): Actor {
  const browser = weighted<Browser>(r, BROWSER_SHARE);
  const vpn = chance(r, 0.03);
  const origin = nets.shopper(vpn ? VPN_ASNS : undefined);
  const from = arrival(r);
  const headers = { ...browserHeaders(browser, r), ...(from.referer ? { referer: from.referer } : {}) };
  const first = r() * WINDOW_MS;
  let last = b.click(first, headers, origin, { query: from.query });
  if (chance(r, 0.25)) {
    // Back to the link: a double tap or a second look within seconds (a duplicate), or after the dedup window.
    const again = chance(r, 0.6) ? int(r, 3_000, 20_000) : int(r, 31_000, 38_000);
    last = b.click(first + again, headers, origin, { query: from.query });
  }
  if (chance(r, 0.3)) {
    b.order({ when: "later", delayMs: logUniform(r, 5 * MINUTE, 2 * DAY), clickKey: last, coupon: chance(r, 0.2) ? couponAsTyped(r) : null, email: shopperEmail(b.id) });
  }
  return b.done({ pattern: "legit", variant: from.variant ?? (vpn ? "vpn" : browser) });
}

/** One network, many clicks inside a minute, no cookies kept, from a small pool of user agents. */
function clickFlood(b: ActorBuilder, r: Rng, nets: Networks): Actor {
  const variant = weighted(r, { "script-hosting": 40, "script-isp": 30, "browser-isp": 30 });
  const origins = nets.network(variant === "script-hosting", int(r, 1, 4));
  const pool = Array.from({ length: int(r, 1, 6) }, () => (variant === "browser-isp" ? browserHeaders(weighted<Browser>(r, BROWSER_SHARE), r) : scriptedHeaders(r)));
  const n = int(r, 30, 90);
  const start = r() * WINDOW_MS;
  const span = int(r, 10_000, 45_000);
  for (let i = 0; i < n; i++) b.click(start + (i * span) / n + r() * 200, pick(r, pool), pick(r, origins), { keepsCookies: false });
  return b.done({ pattern: "click_flood", variant });
}

/** Crawlers that say so, headless Chrome, and scripts with a browser's user agent, all from hosting networks. */
function bot(b: ActorBuilder, r: Rng, nets: Networks): Actor {
  const variant = weighted(r, { crawler: 50, headless: 20, "script-hosting": 30 });
  const [origin] = nets.network(true, 1);
  const headers = variant === "crawler" ? crawlerHeaders(r) : variant === "headless" ? headlessHeaders(r) : scriptedHeaders(r);
  let at = r() * WINDOW_MS;
  for (let i = int(r, 1, 3); i > 0; i--, at += int(r, 1_000, 5_000)) b.click(at, headers, origin, { keepsCookies: variant === "headless" });
  return b.done({ pattern: "bot", variant });
}

/** The affiliate buys through its own link (or with its own coupon) with its own email. */
function selfReferral(b: ActorBuilder, r: Rng, nets: Networks): Actor {
  const email = { self: pick(r, ["exact", "upper", "padded"] as const) };
  if (chance(r, 0.3)) {
    b.order({ when: "later", delayMs: int(r, 0, WINDOW_MS), clickKey: null, coupon: couponAsTyped(r), email });
    return b.done({ pattern: "self_referral", variant: "own-coupon" });
  }
  const click = b.click(r() * WINDOW_MS, browserHeaders(pick(r, ["chrome-desktop", "safari-ios", "chrome-android"] as const), r), nets.shopper(), { scored: false });
  b.order({ when: "later", delayMs: logUniform(r, 2 * MINUTE, DAY), clickKey: click, coupon: null, email });
  return b.done({ pattern: "self_referral", variant: "own-link" });
}

/**
 * Malware in the shopper's browser fires the affiliate click seconds before an order the shopper was placing
 * anyway: the click is the shopper's own browser, the order really follows a few seconds later.
 */
function clickInjection(b: ActorBuilder, r: Rng, nets: Networks): Actor {
  const click = b.click(r() * WINDOW_MS, browserHeaders(weighted<Browser>(r, BROWSER_SHARE), r), nets.shopper(), { scored: false });
  b.order({ when: "live", delayMs: int(r, 2_000, 7_000), clickKey: click, coupon: null, email: shopperEmail(b.id) });
  return b.done({ pattern: "click_injection", variant: "injected-click" });
}

/** The code was posted on a coupon site: an order with the coupon and no click of that affiliate. */
function leakedCoupon(b: ActorBuilder, r: Rng): Actor {
  b.order({ when: "later", delayMs: int(r, 0, WINDOW_MS), clickKey: null, coupon: couponAsTyped(r), email: shopperEmail(b.id) });
  return b.done({ pattern: "leaked_coupon", variant: "coupon-site" });
}

/** The affiliate's ad on the merchant's brand: a real shopper's click carrying a paid-search id; some buy. */
function brandBidding(b: ActorBuilder, r: Rng, nets: Networks): Actor {
  const param = weighted(r, { gclid: 60, msclkid: 25, gbraid: 15 });
  const referer = param === "msclkid" ? "https://www.bing.com/" : "https://www.google.com/";
  const headers = { ...browserHeaders(weighted<Browser>(r, BROWSER_SHARE), r), referer };
  const click = b.click(r() * WINDOW_MS, headers, nets.shopper(), { query: `?${param}=${randomToken(r, 40)}` });
  if (chance(r, 0.3)) b.order({ when: "later", delayMs: logUniform(r, 5 * MINUTE, 2 * DAY), clickKey: click, coupon: null, email: shopperEmail(b.id) });
  return b.done({ pattern: "brand_bidding", variant: param });
}
