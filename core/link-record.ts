/**
 * What the redirect needs to answer a link, denormalised into one record so that a cache hit costs one
 * read. The API writes it to KV whenever a link, its campaign or its tenant changes; the redirect reads
 * it from isolate memory, then KV, then Postgres. The zod schemas that check a record read back from KV are
 * in schemas/link-record.ts, which the redirect loads only on a memory miss: zod is most of its bundle.
 */
import { normalizeLinkCode } from "./link-code";

export type { DomainRecord, LinkRecord } from "./schemas/link-record";

export function normalizeHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, "");
}

/**
 * Host and code normalised, so the redirect reading `/Ana-Verao` and the API writing or dropping the
 * entry of `ana-verao` name the same key; there is one key per link whatever case it is typed in.
 */
export const linkCacheKey = (domain: string, code: string) => `link:${normalizeHost(domain)}/${normalizeLinkCode(code)}`;
export const domainCacheKey = (domain: string) => `domain:${normalizeHost(domain)}`;

/** KV entries expire on their own so a missed invalidation heals within a day. */
export const LINK_CACHE_TTL_SECONDS = 86_400;
