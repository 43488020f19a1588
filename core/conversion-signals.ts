/** Fraud signals an order shows once it is matched to a shopper (see core/identity-chain.ts). */
import { FRAUD_SIGNALS, type FraudReason } from "./fraud";
import type { IdentityMatch } from "./identity-chain";
import { CLOCK_SKEW_TOLERANCE_MS } from "./attribution/order-moment";

export interface ConversionFacts {
  match: IdentityMatch | null;
  occurredAt: number;
  emailHash: string | null;
  /** The matched click, when it is stored: its time, its own fraud reasons and its campaign's rule. */
  click: { at: number; reasons: string[]; minClickToConversionSeconds: number } | null;
  /** SHA-256 of the matched affiliate's own email. */
  affiliateEmailHash: string | null;
  /** Whether any click of this shopper was found (by visitor or hashed identity), whatever step matched. */
  shopperClicked: boolean;
  /** The order's time is the shop server's (s2s), not the shopper's device's, which the shopper can set back. */
  timeFromShopServer: boolean;
  /** The coupon's campaign setting (core/fraud-settings.ts); absent means `review`. */
  couponOnlyOrders?: "review" | "trust";
}

const isReason = (r: string): r is FraudReason => r in FRAUD_SIGNALS;

export function conversionSignals(f: ConversionFacts): FraudReason[] {
  const reasons: FraudReason[] = [];
  // An order on a flagged click inherits the click's reasons: a bot's "sale" or a brand-bidding click.
  if (f.click) reasons.push(...f.click.reasons.filter(isReason));
  // Click injection: malware fires the affiliate click seconds before an order the shopper was placing anyway.
  // An order far before its own click says the shop's clock is wrong, not how fast the shopper was; a
  // browser-reported order is timed by the shopper's device, whose clock set back must not hide an injection.
  if (f.click && f.timeFromShopServer && f.occurredAt - f.click.at < -CLOCK_SKEW_TOLERANCE_MS) reasons.push("order_before_click");
  else if (f.click && f.occurredAt - f.click.at < f.click.minClickToConversionSeconds * 1000) reasons.push("fast_conversion");
  if (f.emailHash && f.affiliateEmailHash && f.emailHash === f.affiliateEmailHash) reasons.push("self_referral");
  // A coupon with no affiliate click behind it was most likely found on a coupon site.
  if (f.match?.source === "coupon" && !f.shopperClicked && f.couponOnlyOrders !== "trust") reasons.push("leaked_coupon");
  return reasons;
}
