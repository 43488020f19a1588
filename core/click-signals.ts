/**
 * Fraud signals a click shows by itself, from the request the edge saw. Velocity and duplicates come from
 * the Durable Objects; these need no state.
 */
import { isBotUserAgent } from "./bot-user-agent";
import { memoize } from "./memo";
import { DEFAULT_VELOCITY_LIMITS, type FraudReason, type VelocityLimits } from "./fraud";
import type { FraudSettings } from "./fraud-settings";

export interface ClickRequestFacts {
  userAgent: string | null;
  accept: string | null;
  acceptLanguage: string | null;
  /** `Sec-CH-UA`: Chromium browsers send it on every secure request. */
  secChUa: string | null;
  /** Autonomous system number from `request.cf.asn`, when the edge knows it. */
  asn: number | null;
  /** Paid-search click ids on the affiliate link (gclid, msclkid, ...). */
  adClickIds: Record<string, string>;
}

/**
 * Networks of large hosting providers: shoppers browse from homes and phones, scripts run in data centres.
 * (AWS, Google Cloud, Azure, DigitalOcean, OVH, Hetzner, Linode/Akamai, Vultr, Oracle, Alibaba, Tencent,
 * Contabo, Scaleway, Leaseweb.)
 */
export const DATACENTER_ASNS = new Set([16509, 14618, 15169, 396982, 8075, 14061, 16276, 24940, 63949, 20473, 31898, 45102, 132203, 51167, 12876, 60781]);

/**
 * Click ids only paid search adds (Google Ads, Microsoft Ads). Facebook's `fbclid` and TikTok's `ttclid`
 * are also added to ordinary, unpaid shares, so they are recorded but are no evidence of brand bidding.
 */
export const PAID_SEARCH_IDS = ["gclid", "gbraid", "wbraid", "msclkid"] as const;

const HEADLESS = /HeadlessChrome|PhantomJS|SlimerJS|Puppeteer|Playwright|Selenium|WebDriver/i;

/**
 * What a user agent string says by itself. Shoppers share a few thousand browser strings, so the regular
 * expressions run once per string and isolate rather than once per click.
 */
const userAgentTraits = memoize((ua: string) => {
  const chrome = /Chrome\/(\d+)/.exec(ua);
  return {
    automation: HEADLESS.test(ua) ? ("headless_browser" as const) : isBotUserAgent(ua) ? ("bot_user_agent" as const) : null,
    claimsBrowser: ua.startsWith("Mozilla/"),
    // Chromium 90+ sends client hints on every secure request (Chrome on iOS and Firefox's iOS shell do not).
    sendsClientHints: !!chrome && Number(chrome[1]) >= 90 && !/CriOS|FxiOS/.test(ua),
  };
}, 1_000);

export function requestSignals(f: ClickRequestFacts, settings: Pick<FraudSettings, "paidSearchAllowed">): FraudReason[] {
  const reasons: FraudReason[] = [];
  const ua = userAgentTraits(f.userAgent ?? "");
  if (ua.automation) reasons.push(ua.automation);
  // Browsers always send real languages; HTTP libraries send none or `*` (Node's fetch does).
  if (ua.claimsBrowser && (!f.accept || !f.acceptLanguage || f.acceptLanguage.trim() === "*")) reasons.push("missing_browser_headers");
  if (ua.sendsClientHints && !f.secChUa) reasons.push("inconsistent_client_hints");
  if (f.asn !== null && DATACENTER_ASNS.has(f.asn)) reasons.push("datacenter_network");
  if (!settings.paidSearchAllowed && PAID_SEARCH_IDS.some((p) => p in f.adClickIds)) reasons.push("brand_bidding");
  return reasons;
}

export function velocitySignals(
  v: { ipLastMinute: number; ipLastHour: number; visitorAffiliateLastHour: number },
  limits: VelocityLimits = DEFAULT_VELOCITY_LIMITS,
): FraudReason[] {
  const reasons: FraudReason[] = [];
  if (v.ipLastMinute > limits.ipPerMinute) reasons.push("ip_velocity_minute");
  if (v.ipLastHour > limits.ipPerHour) reasons.push("ip_velocity_hour");
  if (v.visitorAffiliateLastHour > limits.visitorPerAffiliatePerHour) reasons.push("visitor_affiliate_velocity");
  return reasons;
}
