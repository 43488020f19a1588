import { memoize } from "./memo";
import { isStorableText } from "./text";

/**
 * Builds the URL a shopper is sent to: the link's destination with the click id appended.
 * The destination's own query (UTM tags included) and fragment are kept as they are.
 */
export function destinationWithClickId(destination: string, param: string, clickId: string): string {
  const template = URL_SAFE.test(clickId) ? destinationTemplate(`${param}\n${destination}`) : null;
  return template ? template[0] + clickId + template[1] : appendParam(destination, param, clickId);
}

function appendParam(destination: string, param: string, value: string): string {
  const url = new URL(destination);
  url.searchParams.set(param, value);
  return url.toString();
}

/** Characters the URL serializer leaves as they are in a query value; click ids use only these. */
const URL_SAFE = /^[0-9A-Za-z_]+$/;
const SLOT = "indicaclickidslot";

/**
 * A link sends every click to the same destination with a different click id, so the URL is parsed and
 * serialized once per link and each click fills the id into the text around it. Exact: the template is the
 * serializer's own output for a URL-safe stand-in, and a destination that already holds the stand-in
 * gets no template.
 */
const destinationTemplate = memoize((paramAndDestination: string): [string, string] | null => {
  const cut = paramAndDestination.indexOf("\n");
  const url = appendParam(paramAndDestination.slice(cut + 1), paramAndDestination.slice(0, cut), SLOT);
  const at = url.indexOf(SLOT);
  return at === -1 || url.indexOf(SLOT, at + 1) !== -1 ? null : [url.slice(0, at), url.slice(at + SLOT.length)];
}, 2_000);

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

/** normalizeHttpUrl once per destination per isolate: the redirect sends every untracked visit of a link
 * to the same URL, and each parse is a native object the garbage collector must account for. */
export const normalizedDestination = memoize(normalizeHttpUrl, 2_000);
