/**
 * The ground truth: from a seed and a size, every actor (a shopper in one scenario, or a fraudster), what it
 * does and what the product should decide. Same seed and size, same plan. Times are offsets on the
 * controlled clock: a shopper's order happens `delayMs` after its last click, however long that is.
 */
import type { Headers } from "../fraud/browsers";
import type { Origin } from "../fraud/networks";
import type { CampaignRole } from "./merchants";

export const SCENARIOS = [
  "same_device", "script_cookies_blocked", "cookies_expired_24h", "cookies_expired_7d", "script_blocked",
  "cross_device", "coupon_only", "multi_touch", "refunds", "recurring",
] as const;
export type Scenario = (typeof SCENARIOS)[number];
export const FRAUD_KINDS = ["bot", "click_flood", "self_referral", "click_injection", "leaked_coupon"] as const;
export type FraudKind = (typeof FRAUD_KINDS)[number];

export interface Click {
  affiliate: number;
  campaign: CampaignRole;
  /** Scored as its own fraud item (the clicks behind order-level schemes are not: their order is). */
  scored: boolean;
}

/** How the order reaches Indica: what the shop's script still has, and what the merchant's server sends. */
export interface Report {
  browser: null | { cookies: boolean; localStorage: boolean; url: boolean };
  s2s: { clickId: boolean; email: boolean; coupon: string | null };
}

export interface Refund {
  /** Parts of the order's amount, refunded one after the other (the last may complete it). */
  amount: number;
  /** Approved and (as a stand-in for payouts, issue 10) marked paid before this refund. */
  afterPayout: boolean;
}

export interface Order {
  key: string;
  amount: number;
  /** After the actor's last click (or its start when it never clicked), on the controlled clock. */
  delayMs: number;
  report: Report;
  email: string;
  subscription: { id: string; renewal: number } | null;
  refunds: Refund[];
  /**
   * Sent right after the visit instead of once every click is stored, so the order can overtake its click
   * on the way to Postgres (an order stored before its click earns nothing yet: docs/roadmap.md).
   */
  racesClick?: boolean;
}

export interface Actor {
  key: string;
  merchant: number;
  kind: Scenario | FraudKind;
  variant: string;
  fraud: boolean;
  headers: Headers;
  origin: Origin;
  /** Extra hosts of a flood's network. */
  floodOrigins: Origin[];
  clicks: Click[];
  /** Clicks keep cookies (browsers) or not (scripts, floods). */
  keepsCookies: boolean;
  /** The redirect's cookies reach the shop (link domain under the shop's cookie domain). */
  linkCookiesReachShop: boolean;
  /** The shop's script calls /_indica/click and sends events (false: blocked). */
  script: boolean;
  /** The browser keeps no cookies at all. */
  cookiesBlocked: boolean;
  /** The script identified the shopper by email on the first visit. */
  identifies: boolean;
  orders: Order[];
  /**
   * What should earn: affiliate index → the affiliates in touch order (the model decides shares), or
   * null when nothing survives that could identify the shopper (then nobody should earn).
   */
  expectedTouches: number[] | null;
  expectedCampaign: CampaignRole;
  /** Scenario note for misses: which identifier should decide. */
  expectedSource: string | null;
}
