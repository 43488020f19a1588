/**
 * Read-through cache for what the edge looks up on every request (links, domains, sites): isolate
 * memory, then KV, then Postgres. Misses are cached too, briefly, so a scanner walking random keys does
 * not turn into one query per request. Writers (the API) overwrite the KV entry when the source changes.
 */
import type { z } from "zod";
import type { MemoryCache } from "../core/memory-cache";

const MISSING = { missing: true } as const;
const NEGATIVE_KV_TTL_SECONDS = 60; // KV's minimum TTL.

export interface ReadThroughOptions<T> {
  key: string;
  memory: MemoryCache<T | null>;
  memoryTtlMs: number;
  kv: KVNamespace;
  kvTtlSeconds: number;
  /**
   * Checks an entry read back from KV. A function is called only then (a memory miss that KV answers), so
   * a Worker can load zod and its schemas lazily: the redirect does, to keep its isolate small.
   */
  schema: z.ZodType<T> | (() => Promise<z.ZodType<T>>);
  load: () => Promise<T | null>;
  ctx: ExecutionContext;
}

export async function readThrough<T>(o: ReadThroughOptions<T>): Promise<T | null> {
  const cached = o.memory.get(o.key);
  if (cached !== undefined) return cached;

  // A KV outage must not take the edge down: fall through to Postgres.
  const fromKv: unknown = await o.kv.get(o.key, "json").catch(() => null);
  if (fromKv !== null) {
    const schema = typeof o.schema === "function" ? await o.schema() : o.schema;
    const parsed = schema.safeParse(fromKv);
    if (parsed.success || (fromKv as { missing?: unknown }).missing === true) {
      const value = parsed.success ? parsed.data : null;
      o.memory.set(o.key, value, o.memoryTtlMs);
      return value;
    }
  }

  const value = await o.load();
  o.memory.set(o.key, value, o.memoryTtlMs);
  o.ctx.waitUntil(
    o.kv
      .put(o.key, JSON.stringify(value ?? MISSING), { expirationTtl: value ? o.kvTtlSeconds : NEGATIVE_KV_TTL_SECONDS })
      .catch(() => {}),
  );
  return value;
}
