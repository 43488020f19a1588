import { MemoryCache } from "../../../../core/memory-cache";
import { siteCacheKey, siteRecordSchema, type SiteRecord } from "../../../../core/site-record";
import { withDatabase } from "../../../../db/client";
import { findSiteRecord } from "../../../../db/queries/site-record";
import { readThrough } from "../../../../db/read-through";
import type { IngestEnv } from "../env";

const memory = new MemoryCache<SiteRecord | null>(5_000);

export function resolveSite(env: IngestEnv, ctx: ExecutionContext, tenantId: string): Promise<SiteRecord | null> {
  return readThrough({
    key: siteCacheKey(tenantId),
    memory,
    memoryTtlMs: 15_000,
    kv: env.EDGE_CACHE,
    kvTtlSeconds: 3_600,
    schema: siteRecordSchema,
    ctx,
    load: () => withDatabase(env, ctx, (db) => findSiteRecord(db, tenantId)),
  });
}
