/**
 * Whether the edge may store identifiers (visitor cookie, IP hash, click cookie, full user agent) for a
 * request, from the site's consent mode and the shopper's choice. Shared by the redirect and the ingest
 * Worker, so a link click and a tracking call decide alike (docs/tracking.md §6).
 */
import { readCookie } from "./cookie";

export type ConsentMode = "not_required" | "required";
export type Consent = "granted" | "denied" | "unknown";

/**
 * The shopper's choice, remembered on the merchant's zone so the link redirect (which runs before any page
 * script) can read it. Set by `/_indica/e` when the tracking script reports an explicit choice, or by the
 * shop's own banner. Not HttpOnly, so a banner can change it; it holds a choice, not an identifier.
 */
export const CONSENT_COOKIE = "indica_consent";
/** About six months, the period after which EU regulators expect consent to be asked again. */
export const CONSENT_COOKIE_MAX_AGE = 180 * 86_400;

/** `granted` or `denied` from the consent cookie; anything else (absent, misspelt) is no choice. */
export function consentFromCookie(cookieHeader: string | null | undefined): Consent {
  const value = readCookie(cookieHeader, CONSENT_COOKIE);
  return value === "granted" || value === "denied" ? value : "unknown";
}

/** The script's explicit choice, else the consent cookie's (set by an earlier call or the shop's banner). */
export function shopperConsent(reported: Consent | undefined, cookieHeader: string | null | undefined): Consent {
  return reported === "granted" || reported === "denied" ? reported : consentFromCookie(cookieHeader);
}

/** Identifiers may be stored with consent, or when the merchant does not require it and the shopper did not refuse. */
export function mayStoreIdentifiers(site: { consentMode: ConsentMode }, consent: Consent, gpc: boolean): boolean {
  if (gpc || consent === "denied") return false;
  return consent === "granted" || site.consentMode === "not_required";
}

/**
 * The link redirect's rule. Under `required` it is the common rule, with the consent cookie as the choice
 * (no cookie: no consent). Under `not_required` a click keeps its identifiers as it always has.
 */
export function clickMayStoreIdentifiers(link: { consentMode: ConsentMode }, cookieHeader: string | null, gpc: boolean): boolean {
  return link.consentMode === "not_required" || mayStoreIdentifiers(link, consentFromCookie(cookieHeader), gpc);
}
