/** Write-through of the redirect's KV cache: after a link changes, the edge sees it without waiting for expiry. */
import { linkCacheKey, LINK_CACHE_TTL_SECONDS } from "../../../../core/link-record";
import type { Executor } from "../../../../db/client";
import { findLinkRecord } from "../../../../db/queries/link-record";

export async function refreshLinkCache(db: Executor, kv: KVNamespace, domain: string, code: string): Promise<void> {
  const record = await findLinkRecord(db, domain, code);
  const key = linkCacheKey(domain, code);
  if (record) await kv.put(key, JSON.stringify(record), { expirationTtl: LINK_CACHE_TTL_SECONDS });
  else await kv.delete(key);
}
