/** `Set-Cookie` serialisation for the first-party cookies the edge sets on the merchant's zone. */

/** The click id of the affiliate click that brought the shopper (Max-Age = the campaign's cookie lifetime). */
export const CLICK_COOKIE = "indica_click";
/** A first-party visitor id, for dedup and same-device attribution. */
export const VISITOR_COOKIE = "indica_vid";
/** The longest lifetime browsers honour for a cookie (Chrome caps at 400 days). */
export const VISITOR_COOKIE_MAX_AGE = 400 * 86_400;
export interface CookieOptions {
  maxAgeSeconds: number;
  domain?: string | null;
  path?: string;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: "Lax" | "Strict" | "None";
}

const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const COOKIE_VALUE = /^[!#-+\--:<-[\]-~]*$/;

export function serializeCookie(name: string, value: string, opts: CookieOptions): string {
  if (!COOKIE_NAME.test(name)) throw new TypeError(`invalid cookie name: ${name}`);
  if (!COOKIE_VALUE.test(value)) throw new TypeError("invalid cookie value");
  // Concatenated rather than joined from a list: the edge writes two of these per click.
  let out = `${name}=${value}; Max-Age=${Math.max(0, Math.floor(opts.maxAgeSeconds))}; Path=${opts.path ?? "/"}`;
  if (opts.domain) out += `; Domain=${opts.domain}`;
  if (opts.httpOnly ?? true) out += "; HttpOnly";
  if (opts.secure ?? true) out += "; Secure";
  return `${out}; SameSite=${opts.sameSite ?? "Lax"}`;
}

/** Reads one cookie from a `Cookie` request header without allocating a map of all of them. */
export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}
