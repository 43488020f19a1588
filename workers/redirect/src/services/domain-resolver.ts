/** Which merchant owns a hostname, for fallback URLs on unknown codes. Same cache layers as links. */
import { domainCacheKey, domainRecordSchema, LINK_CACHE_TTL_SECONDS, type DomainRecord } from "../../../../core/link-record";
import { createDatabase } from "../../../../db/client";
import { findDomainRecord } from "../../../../db/queries/link-record";
import type { RedirectEnv } from "../env";
import { MemoryCache } from "./memory-cache";

const memory = new MemoryCache<DomainRecord | null>(1_000);

export async function resolveDomain(env: RedirectEnv, ctx: ExecutionContext, host: string): Promise<DomainRecord | null> {
  const key = domainCacheKey(host);
  const cached = memory.get(key);
  if (cached !== undefined) return cached;
  const ttlMs = Number(env.LINK_MEMORY_TTL_SECONDS || "15") * 1000;

  const fromKv = domainRecordSchema.safeParse(await env.LINKS_CACHE.get(key, "json").catch(() => null));
  if (fromKv.success) {
    memory.set(key, fromKv.data, ttlMs);
    return fromKv.data;
  }
  const handle = createDatabase(env);
  try {
    const record = await findDomainRecord(handle.db, host);
    memory.set(key, record, ttlMs);
    if (record) ctx.waitUntil(env.LINKS_CACHE.put(key, JSON.stringify(record), { expirationTtl: LINK_CACHE_TTL_SECONDS }).catch(() => {}));
    return record;
  } finally {
    ctx.waitUntil(handle.close());
  }
}
