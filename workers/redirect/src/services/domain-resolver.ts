/** Which merchant owns a hostname, for fallback URLs on unknown codes. */
import { MemoryCache } from "../../../../core/memory-cache";
import { domainCacheKey, LINK_CACHE_TTL_SECONDS, type DomainRecord } from "../../../../core/link-record";
import { readThrough } from "../../../../db/read-through";
import type { RedirectEnv } from "../env";
import { databaseLookups } from "./database-lookups";

const memory = new MemoryCache<DomainRecord | null>(1_000);

export function resolveDomain(env: RedirectEnv, ctx: ExecutionContext, host: string): Promise<DomainRecord | null> {
  return readThrough({
    key: domainCacheKey(host),
    memory,
    memoryTtlMs: Number(env.LINK_MEMORY_TTL_SECONDS || "15") * 1000,
    kv: env.EDGE_CACHE,
    kvTtlSeconds: LINK_CACHE_TTL_SECONDS,
    schema: async () => (await import("../../../../core/schemas/link-record")).domainRecordSchema,
    ctx,
    load: async () => {
      const { withDatabase, findDomainRecord } = await databaseLookups();
      return withDatabase(env, ctx, (db) => findDomainRecord(db, host));
    },
  });
}
