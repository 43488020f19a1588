/** Resolves (host, code) to a link record through the read-through cache. */
import { MemoryCache } from "../../../../core/memory-cache";
import { linkCacheKey, LINK_CACHE_TTL_SECONDS, type LinkRecord } from "../../../../core/link-record";
import { readThrough } from "../../../../db/read-through";
import type { RedirectEnv } from "../env";
import { databaseLookups } from "./database-lookups";

const memory = new MemoryCache<LinkRecord | null>(10_000);

export function resolveLink(env: RedirectEnv, ctx: ExecutionContext, host: string, code: string): LinkRecord | null | Promise<LinkRecord | null> {
  const key = linkCacheKey(host, code);
  // Nearly every click: the record is in isolate memory, answered without the read-through's options,
  // closures and promise.
  const remembered = memory.get(key);
  if (remembered !== undefined) return remembered;
  return readThrough({
    key,
    memory,
    memoryTtlMs: Number(env.LINK_MEMORY_TTL_SECONDS || "15") * 1000,
    kv: env.EDGE_CACHE,
    kvTtlSeconds: LINK_CACHE_TTL_SECONDS,
    schema: async () => (await import("../../../../core/schemas/link-record")).linkRecordSchema,
    ctx,
    load: async () => {
      const { withDatabase, findLinkRecord } = await databaseLookups();
      return withDatabase(env, ctx, (db) => findLinkRecord(db, host, code));
    },
  });
}
