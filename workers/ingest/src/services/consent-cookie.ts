/**
 * Remembers the shopper's explicit choice in the consent cookie (core/consent.ts) on sites that require
 * consent, so the link redirect, which runs before any page script, can honour it on the next click.
 * Written only when it changes: a grant sets it, a refusal (or Global Privacy Control) removes a grant.
 * Sites that do not require consent get no cookie: their redirect does not read it.
 */
import { CONSENT_COOKIE, CONSENT_COOKIE_MAX_AGE, consentFromCookie, type Consent } from "../../../../core/consent";
import { serializeCookie } from "../../../../core/cookie";
import type { SiteRecord } from "../../../../core/site-record";

/** The Set-Cookie to send, or null when the cookie already says what the script reported. */
export function consentCookieChange(site: SiteRecord, reported: Consent, gpc: boolean, cookieHeader: string | null | undefined, domain: string | null): string | null {
  if (site.consentMode !== "required") return null;
  const stored = consentFromCookie(cookieHeader);
  // Readable by the shop's own banner script, which may change it too: it holds a choice, not an identifier.
  const cookie = (value: string, maxAgeSeconds: number) => serializeCookie(CONSENT_COOKIE, value, { maxAgeSeconds, domain, httpOnly: false });
  if (reported === "granted" && !gpc) return stored === "granted" ? null : cookie("granted", CONSENT_COOKIE_MAX_AGE);
  if ((reported === "denied" || gpc) && stored === "granted") return cookie("", 0);
  return null;
}
