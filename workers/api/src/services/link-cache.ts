/** Write-through of the redirect's KV cache: after a link changes, the edge sees it without waiting for expiry. */
import { linkCacheKey, LINK_CACHE_TTL_SECONDS, type LinkRecord } from "../../../../core/link-record";
import type { Database, Executor } from "../../../../db/client";
import { findLinkRecord, findLinkRecordsOf } from "../../../../db/queries/link-record";

/** KV writes in flight at once when many links change together. */
const PUT_CONCURRENCY = 20;

const put = (kv: KVNamespace, domain: string, code: string, record: LinkRecord) =>
  kv.put(linkCacheKey(domain, code), JSON.stringify(record), { expirationTtl: LINK_CACHE_TTL_SECONDS });

export async function refreshLinkCache(db: Executor, kv: KVNamespace, domain: string, code: string): Promise<void> {
  const record = await findLinkRecord(db, domain, code);
  if (record) await put(kv, domain, code, record);
  else await kv.delete(linkCacheKey(domain, code));
}

/**
 * Rewrites the cached records of all links of an affiliate or a campaign, after its status or tracking
 * settings changed. One query: the caller's connection is closed right after the response, so this must
 * not need a second one.
 */
export async function refreshLinkCachesOf(db: Database, kv: KVNamespace, tenantId: string, of: { affiliateId: string } | { campaignId: string }): Promise<void> {
  const records = await findLinkRecordsOf(db, tenantId, of);
  for (let i = 0; i < records.length; i += PUT_CONCURRENCY) {
    await Promise.all(records.slice(i, i + PUT_CONCURRENCY).map((r) => put(kv, r.domain, r.code, r.record)));
  }
}
