import { isStorableText } from "./text";

/**
 * Builds the URL a shopper is sent to: the link's destination with the click id appended.
 * The destination's own query (UTM tags included) and fragment are kept as they are.
 */
export function destinationWithClickId(destination: string, param: string, clickId: string): string {
  const url = new URL(destination);
  url.searchParams.set(param, clickId);
  return url.toString();
}

/**
 * Only absolute http(s) URLs are valid destinations: no `javascript:`, `data:` or relative paths, and no
 * control characters (the URL parser would silently drop tabs and newlines, changing what was meant).
 */
export function isHttpUrl(value: string): boolean {
  if (!isStorableText(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** The canonical form stored and sent in `Location` headers (percent-encoded, normalised host). */
export function normalizeHttpUrl(value: string): string {
  return new URL(value).toString();
}
