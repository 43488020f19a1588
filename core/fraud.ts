/**
 * Fraud signals and their combined score. Each signal has a reason code and a weight (0-100, how sure we
 * are that a click or conversion showing it is not a genuine shopper's); the score combines independent
 * signals as 1 - Π(1 - wᵢ), so two weak signals raise suspicion without one strong one being needed, and
 * the score never passes 100. Defaults and reasons: docs/fraud.md.
 */
export const FRAUD_SIGNALS = {
  bot_user_agent: 95,
  headless_browser: 90,
  missing_browser_headers: 50,
  inconsistent_client_hints: 40,
  datacenter_network: 45,
  ip_velocity_minute: 70,
  ip_velocity_hour: 50,
  visitor_affiliate_velocity: 75,
  affiliate_spike: 40,
  fast_conversion: 75,
  self_referral: 100,
  brand_bidding: 80,
  leaked_coupon: 70,
  // Not evidence of anything: the dedup and velocity checks did not answer in time (fail-open), so the
  // click carries no velocity reasons and was not checked for duplicates. Weight 0 keeps the score honest;
  // the reason lets merchants (and the benchmarks) see how many clicks went unchecked.
  guards_unavailable: 0,
  // Not evidence either: the order's time is over a minute before its own click's, which only a wrong clock
  // or time zone at the shop produces (local time sent as UTC puts a Brazilian order 3 h early). The
  // click-to-order time is then unknown, so fast_conversion is not judged; the reason makes the error visible.
  order_before_click: 0,
} as const;

export type FraudReason = keyof typeof FRAUD_SIGNALS;

/** Score at or above which a click or conversion is held back from commission and sent to review. */
export const DEFAULT_FLAG_THRESHOLD = 70;

export interface FraudAssessment {
  score: number;
  reasons: FraudReason[];
  flagged: boolean;
}

export function assess(reasons: Iterable<FraudReason>, threshold = DEFAULT_FLAG_THRESHOLD): FraudAssessment {
  const unique = [...new Set(reasons)].sort();
  const clean = unique.reduce((p, r) => p * (1 - FRAUD_SIGNALS[r] / 100), 1);
  const score = Math.round((1 - clean) * 100);
  return { score, reasons: unique, flagged: score >= threshold };
}

/** Velocity limits per campaign; defaults suit a small shop's organic traffic. */
export interface VelocityLimits {
  ipPerMinute: number;
  ipPerHour: number;
  visitorPerAffiliatePerHour: number;
}

export const DEFAULT_VELOCITY_LIMITS: VelocityLimits = { ipPerMinute: 20, ipPerHour: 120, visitorPerAffiliatePerHour: 10 };
