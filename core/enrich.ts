/**
 * Edge enrichment of tracking calls: device, browser and OS from the user agent, the bot flag, the
 * country the edge saw. Pure functions over request facts, so the consumer never needs the raw request.
 */
import { UAParser } from "ua-parser-js";
import { isBotUserAgent } from "./bot-user-agent";

// The edge asks these two on every click; they live apart so it need not load the user-agent parser.
export { isBotUserAgent } from "./bot-user-agent";
export { hostOf } from "./url-host";

export interface RequestContext {
  country: string | null;
  deviceType: "mobile" | "tablet" | "desktop" | "other";
  browser: string | null;
  os: string | null;
  isBot: boolean;
}

export function describeUserAgent(userAgent: string | null, country: unknown): RequestContext {
  const ua = userAgent ?? "";
  const parsed = new UAParser(ua).getResult();
  const type = parsed.device.type;
  return {
    country: typeof country === "string" && /^[A-Z]{2}$/.test(country) ? country : null,
    deviceType: type === "mobile" || type === "tablet" ? type : ua ? "desktop" : "other",
    browser: parsed.browser.name ?? null,
    os: parsed.os.name ?? null,
    isBot: isBotUserAgent(ua),
  };
}

const KEPT_QUERY = /^(utm_[a-z]+|gclid|gbraid|wbraid|msclkid|fbclid|ttclid|indica_cid|ref|coupon)$/;

/** A page URL without query parameters that may carry personal data; campaign parameters are kept. */
export function scrubPageUrl(raw: string, extraKept: string[] = []): string {
  const url = new URL(raw);
  for (const key of [...url.searchParams.keys()]) {
    if (!KEPT_QUERY.test(key) && !extraKept.includes(key)) url.searchParams.delete(key);
  }
  url.hash = "";
  return url.toString().slice(0, 2048);
}


const EMAIL_LIKE = /[^\s@"<>]+@[^\s@"<>]+\.[A-Za-z]{2,}/g;

/**
 * Free-form properties (event props, order metadata) are the merchant's to fill, but an email address in
 * one would be personal data stored in the clear: such values are redacted before they leave the edge.
 */
export function redactEmails<T extends Record<string, unknown> | undefined>(props: T): T {
  if (!props) return props;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) out[k] = typeof v === "string" ? v.replace(EMAIL_LIKE, "[email redacted]") : v;
  return out as T;
}
