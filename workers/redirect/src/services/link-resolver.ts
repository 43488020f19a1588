/**
 * Resolves (host, code) to a link: isolate memory, then KV, then Postgres. Misses are cached briefly too,
 * so a scanner walking random codes cannot turn into a query per request.
 */
import { linkCacheKey, linkRecordSchema, LINK_CACHE_TTL_SECONDS, type LinkRecord } from "../../../../core/link-record";
import { createDatabase } from "../../../../db/client";
import { findLinkRecord } from "../../../../db/queries/link-record";
import type { RedirectEnv } from "../env";
import { MemoryCache } from "./memory-cache";

const memory = new MemoryCache<LinkRecord | null>(10_000);
const NEGATIVE_KV_TTL_SECONDS = 60; // KV's minimum TTL.

export async function resolveLink(env: RedirectEnv, ctx: ExecutionContext, host: string, code: string): Promise<LinkRecord | null> {
  const key = linkCacheKey(host, code);
  const cached = memory.get(key);
  if (cached !== undefined) return cached;

  const ttlMs = Number(env.LINK_MEMORY_TTL_SECONDS || "15") * 1000;
  const fromKv = await env.LINKS_CACHE.get(key, "json").catch(() => undefined);
  if (fromKv !== undefined && fromKv !== null) {
    // `{ missing: true }` marks a code known not to exist.
    const parsed = linkRecordSchema.safeParse(fromKv);
    const record = parsed.success ? parsed.data : null;
    if (parsed.success || (fromKv as { missing?: boolean }).missing) {
      memory.set(key, record, ttlMs);
      return record;
    }
  }

  const handle = createDatabase(env);
  try {
    const record = await findLinkRecord(handle.db, host, code);
    memory.set(key, record, ttlMs);
    ctx.waitUntil(
      env.LINKS_CACHE.put(key, JSON.stringify(record ?? { missing: true }), {
        expirationTtl: record ? LINK_CACHE_TTL_SECONDS : NEGATIVE_KV_TTL_SECONDS,
      }).catch(() => {}),
    );
    return record;
  } finally {
    ctx.waitUntil(handle.close());
  }
}
