/**
 * The device class of a user agent, as the SQL function indica_device_of (migration 0017) computes it for
 * the report rollups. A click stored without identifiers keeps only this word in place of its user agent:
 * indica_device_of gives the same class back for it, so reports by device are unchanged.
 */
export type DeviceClass = "mobile" | "tablet" | "desktop" | "other";

const TABLET = /(ipad|tablet|kindle|silk\/|playbook)/i;
const MOBILE = /(mobi|iphone|ipod|android|blackberry|opera mini|windows phone)/i;

export function deviceClassOf(userAgent: string | null): DeviceClass {
  if (!userAgent) return "other";
  if (TABLET.test(userAgent) || (/android/i.test(userAgent) && !/mobile/i.test(userAgent))) return "tablet";
  return MOBILE.test(userAgent) ? "mobile" : "desktop";
}

/** What a click without identifiers stores as its user agent: the class, or nothing when unknown. */
export function reducedUserAgent(userAgent: string | null): string | null {
  const device = deviceClassOf(userAgent);
  return device === "other" ? null : device;
}
