/** Write-through of the redirect's KV cache: after a link changes, the edge sees it without waiting for expiry. */
import { linkCacheKey, LINK_CACHE_TTL_SECONDS } from "../../../../core/link-record";
import type { Executor } from "../../../../db/client";
import { findLinkRecord } from "../../../../db/queries/link-record";

const logFailure = (what: string) => (error: unknown) => console.error(JSON.stringify({ level: "error", worker: "api", message: `${what}: ${String(error)}` }));

/**
 * Reads the link's record through the request's transaction, which sees the change just made (the
 * Worker's own connection is held by that transaction until the response is out, and once the pool
 * closes a query queued on it never settles), then writes KV off the response path. The record is
 * read as the tenant, which is enough: a link's campaign, affiliate and tenant are all its tenant's.
 */
export async function refreshLinkCache(db: Executor, kv: KVNamespace, domain: string, code: string, waitUntil: (p: Promise<unknown>) => void): Promise<void> {
  const record = await findLinkRecord(db, domain, code);
  const key = linkCacheKey(domain, code);
  const write = record ? kv.put(key, JSON.stringify(record), { expirationTtl: LINK_CACHE_TTL_SECONDS }) : kv.delete(key);
  waitUntil(write.catch(logFailure("link cache write")));
}

/** New links need no record in KV, only the "missing" entry a lookup before they existed may have left. */
export function forgetMissingLinks(kv: KVNamespace, links: { domain: string; code: string }[]): Promise<unknown> {
  return Promise.all(links.map((l) => kv.delete(linkCacheKey(l.domain, l.code)))).catch(logFailure("link cache delete"));
}
