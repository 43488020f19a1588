/**
 * Guard state is spread over a fixed set of shard objects rather than one object per visitor or network:
 * a new shopper costs a row in a warm object instead of a new object with its own storage, and the redirect
 * asks each shard once per batch of clicks, not once per click (durable-objects/click-guard.ts). A shard's
 * load is then the number of isolates flushing batches, not the number of clicks; raise the counts when
 * a shard nears a Durable Object's ~1,000 requests/s.
 */
export const VISITOR_SHARDS = 64;
export const NETWORK_SHARDS = 32;

export interface ShardCounts {
  visitors: number;
  networks: number;
}

/** From the `GUARD_SHARDS` var ("visitors,networks", e.g. "64,32"); changing it remaps state (a one-day blip in dedup). */
export function shardCounts(setting: string | undefined): ShardCounts {
  const [v, n] = (setting ?? "").split(",").map((x) => Number.parseInt(x, 10));
  return { visitors: v > 0 ? v : VISITOR_SHARDS, networks: n > 0 ? n : NETWORK_SHARDS };
}

/** FNV-1a: fast, stable across isolates and releases, and well spread for ids and hashes. */
export function shardOf(key: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % shards;
}

export const visitorShardName = (visitorKey: string, shards = VISITOR_SHARDS) => `visitors-${shardOf(visitorKey, shards)}`;
export const networkShardName = (network: string, shards = NETWORK_SHARDS) => `networks-${shardOf(network, shards)}`;
