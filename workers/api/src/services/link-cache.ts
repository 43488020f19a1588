/**
 * Write-through of the redirect's KV cache: after a link, its affiliate or its campaign changes, the edge
 * sees it without waiting for the entry to expire. Refreshes run after the request's transaction has
 * committed (`afterCommit`), so they read what was committed, never a change that was rolled back.
 */
import type { Context } from "hono";
import { linkCacheKey, LINK_CACHE_TTL_SECONDS, type LinkRecord } from "../../../../core/link-record";
import type { Executor } from "../../../../db/client";
import { findLinkRecord, findLinkRecordsOf } from "../../../../db/queries/link-record";
import type { ApiHonoEnv } from "../env";

/** KV writes in flight at once when many links change together. */
const PUT_CONCURRENCY = 20;

const put = (kv: KVNamespace, domain: string, code: string, record: LinkRecord) =>
  kv.put(linkCacheKey(domain, code), JSON.stringify(record), { expirationTtl: LINK_CACHE_TTL_SECONDS });

export async function refreshLinkCache(db: Executor, kv: KVNamespace, domain: string, code: string): Promise<void> {
  const record = await findLinkRecord(db, domain, code);
  if (record) await put(kv, domain, code, record);
  else await kv.delete(linkCacheKey(domain, code));
}

/** Rewrites the cached records of all links of an affiliate or a campaign. */
export async function refreshLinkCachesOf(db: Executor, kv: KVNamespace, tenantId: string, of: { affiliateId: string } | { campaignId: string }): Promise<void> {
  const records = await findLinkRecordsOf(db, tenantId, of);
  for (let i = 0; i < records.length; i += PUT_CONCURRENCY) {
    await Promise.all(records.slice(i, i + PUT_CONCURRENCY).map((r) => put(kv, r.domain, r.code, r.record)));
  }
}

export function refreshLinkAfterCommit(c: Context<ApiHonoEnv>, links: { domain: string; code: string }[]): void {
  c.get("afterCommit")("link cache refresh", async (db) => {
    for (const l of links) await refreshLinkCache(db, c.env.EDGE_CACHE, l.domain, l.code);
  });
}

export function refreshLinkCachesAfterCommit(c: Context<ApiHonoEnv>, of: { affiliateId: string } | { campaignId: string }): void {
  const tenantId = c.get("principal").tenantId;
  c.get("afterCommit")("link cache refresh", (db) => refreshLinkCachesOf(db, c.env.EDGE_CACHE, tenantId, of));
}
