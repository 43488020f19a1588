/**
 * The deep-link allow-list: a link's destination must be on a host the merchant owns, or a link on the
 * merchant's own (verified, branded) link domain becomes an open redirect anyone with a link form can
 * point at a phishing page. Judged on the URL parser's hostname, never on the text: `loja.example.evil.com`,
 * `evil.com/?loja.example` and `loja.example@evil.com` all have another host. The parser writes IDNs
 * as punycode (a look-alike `lојa.example` is some `xn--…`) and hosts in lower case; the root dot is dropped.
 */

/** A host as compared: the parser's ASCII, lower-case hostname without the root dot; null when none. */
export function canonicalHost(hostOrUrl: string): string | null {
  try {
    const url = new URL(hostOrUrl.includes("://") ? hostOrUrl : `https://${hostOrUrl}`);
    return url.hostname.replace(/\.+$/, "") || null;
  } catch {
    return null;
  }
}

const isIpLiteral = (host: string) => host.startsWith("[") || /^[\d.]+$/.test(host);

/**
 * An entry of the allow-list: its host with a leading `www.` dropped, since `www.loja.example` and
 * `loja.example` are the same shop and an entry allows its subdomains anyway.
 */
export function allowListEntry(hostOrUrl: string): string | null {
  const host = canonicalHost(hostOrUrl);
  if (!host) return null;
  return host.startsWith("www.") && host.indexOf(".", 4) !== -1 ? host.slice(4) : host;
}

/** The host itself or one of its subdomains; IP addresses only themselves. */
export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const h = canonicalHost(host);
  if (!h) return false;
  return allowed.some((a) => h === a || (!isIpLiteral(a) && h.endsWith(`.${a}`)));
}

export type DestinationRefusal = "scheme" | "credentials" | "host";

/**
 * Why a destination may not be used, or null when it may. https always; http only where the campaign's
 * own destination is http (a shop without TLS), so a link cannot downgrade a shop that has it. A user
 * name or password in the URL is refused: it goes nowhere else, but `https://loja.example@…` is the
 * classic way to make a URL read as another.
 */
export function destinationRefusal(destination: string, allowed: readonly string[], httpAllowed: boolean): DestinationRefusal | null {
  let url: URL;
  try {
    url = new URL(destination);
  } catch {
    return "host";
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && httpAllowed)) return "scheme";
  if (!hostAllowed(url.hostname, allowed)) return "host";
  return url.username || url.password ? "credentials" : null;
}

/** Whether a campaign destination lets its links use http (see destinationRefusal). */
export const allowsHttp = (campaignDestination: string) => campaignDestination.toLowerCase().startsWith("http:");
