/** Write-through of the redirect's KV cache: after a link changes, the edge sees it without waiting for expiry. */
import { linkCacheKey, LINK_CACHE_TTL_SECONDS, type LinkRecord } from "../../../../core/link-record";
import type { Context } from "hono";
import { withDatabase, type Database, type Executor } from "../../../../db/client";
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
export async function refreshLinkCachesOf(db: Database, kv: KVNamespace, tenantId: string, of: { affiliateId: string } | { campaignId: string }): Promise<void> {
  const records = await findLinkRecordsOf(db, tenantId, of);
  for (let i = 0; i < records.length; i += PUT_CONCURRENCY) {
    await Promise.all(records.slice(i, i + PUT_CONCURRENCY).map((r) => put(kv, r.domain, r.code, r.record)));
  }
}

/**
 * After a request changed an affiliate's or campaign's status or tracking settings: rewrites its links'
 * cached records once the change is committed. On a connection of its own, not the request's: that one
 * is closed as soon as the response is sent and serves only the first query queued behind the
 * transaction, which for API keys is authenticate's touch of the key. The query waits on the changed
 * row's lock, so it runs after the commit and reads what was committed.
 */
export function refreshLinkCachesAfterCommit(c: Context<ApiHonoEnv>, of: { affiliateId: string } | { campaignId: string }): void {
  const tenantId = c.get("principal").tenantId;
  const work = withDatabase(c.env, c.executionCtx, (db) => refreshLinkCachesOf(db, c.env.EDGE_CACHE, tenantId, of)).catch((error: unknown) => {
    // Not fatal (entries expire within a day), but a stale entry keeps tracking wrong until then: say so.
    console.error(JSON.stringify({ level: "error", worker: "api", requestId: c.get("requestId"), message: `link cache refresh failed: ${String(error)}` }));
  });
  c.executionCtx.waitUntil(work);
}
