/**
 * Write-through of the redirect's KV cache: after a link, its affiliate or its campaign changes, the edge
 * sees it without waiting for the entry to expire. Refreshes run after the request's transaction has
 * committed (`afterCommit`), so they read what was committed, never a change that was rolled back.
 */
import type { Context } from "hono";
import { linkCacheKey, LINK_CACHE_TTL_SECONDS, type LinkRecord } from "../../../../core/link-record";
import type { Executor } from "../../../../db/client";
import { findLinkRecords, findLinkRecordsOf } from "../../../../db/queries/link-record";
import type { ApiHonoEnv } from "../env";

/** KV writes in flight at once when many links change together. */
const PUT_CONCURRENCY = 20;

const put = (kv: KVNamespace, domain: string, code: string, record: LinkRecord) =>
  kv.put(linkCacheKey(domain, code), JSON.stringify(record), { expirationTtl: LINK_CACHE_TTL_SECONDS });

/** Rewrites the cached records of all links of an affiliate or a campaign. */
export async function refreshLinkCachesOf(db: Executor, kv: KVNamespace, tenantId: string, of: { affiliateId: string } | { campaignId: string }): Promise<void> {
  const records = await findLinkRecordsOf(db, tenantId, of);
  await inGroups(records, (r) => put(kv, r.domain, r.code, r.record));
}

/** KV calls for many links, PUT_CONCURRENCY at a time. */
async function inGroups<T>(items: T[], call: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += PUT_CONCURRENCY) await Promise.all(items.slice(i, i + PUT_CONCURRENCY).map(call));
}

/** Rewrites the cached records of the given links with one query; links gone are dropped from the cache. */
export async function refreshLinkCaches(db: Executor, kv: KVNamespace, keys: { domain: string; code: string }[]): Promise<void> {
  const found = new Map((await findLinkRecords(db, keys)).map((r) => [linkCacheKey(r.domain, r.code), r]));
  await inGroups(keys, (k) => {
    const r = found.get(linkCacheKey(k.domain, k.code));
    return r ? put(kv, k.domain, k.code, r.record) : kv.delete(linkCacheKey(k.domain, k.code));
  });
}

export function refreshLinkAfterCommit(c: Context<ApiHonoEnv>, links: { domain: string; code: string }[]): void {
  c.get("afterCommit")("link cache refresh", (db) => refreshLinkCaches(db, c.env.EDGE_CACHE, links));
}

export function refreshLinkCachesAfterCommit(c: Context<ApiHonoEnv>, of: { affiliateId: string } | { campaignId: string }): void {
  const tenantId = c.get("principal").tenantId;
  c.get("afterCommit")("link cache refresh", (db) => refreshLinkCachesOf(db, c.env.EDGE_CACHE, tenantId, of));
}
