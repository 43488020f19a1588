/**
 * Asks the guard objects about a batch of clicks, off the shopper's critical path and with a time limit:
 * one call per shard for the whole batch (durable-objects/shard.ts). A slow or failing shard never blocks
 * or loses clicks; its clicks are only recorded without dedup and velocity checks (fail-open).
 */
import { velocitySignals } from "../core/click-signals";
import type { FraudReason, VelocityLimits } from "../core/fraud";
import { packNetworkHits, packVisitorClicks, unpackVelocities, unpackVisitorVerdicts, type PackedVisitorVerdicts } from "./guard-wire";
import { networkShardName, shardCounts, visitorShardName, type ShardCounts } from "./shard";
import type { VisitorClick } from "./visitor-guard";

export interface GuardRequest {
  click: VisitorClick;
  /** The network's hash; null when the request carried no IP (nothing to count by). */
  network: string | null;
  limits: VelocityLimits;
}

export interface GuardOutcome {
  duplicate: boolean;
  reasons: FraudReason[];
  /** False when the shards did not answer in time or failed. */
  checked: boolean;
}

/** The shard objects' methods the redirect calls, in the wire format of guard-wire.ts. */
export interface GuardShards {
  visitors(name: string): { recordClickRows(rows: string): Promise<PackedVisitorVerdicts> };
  networks(name: string): { hitRows(rows: string): Promise<Uint32Array> };
}

/**
 * How long a batch waits for its shards before its clicks are recorded unchecked. Nothing waits on the verdict
 * but the click's row, and waitUntil allows 30 s, so the limit is generous: at 250 ms, a guard object busy for
 * a moment left 70-88% of a saturating bench's clicks unchecked (bench/README.md); a late answer was wasted
 * work, since the object had already recorded the click.
 */
export const GUARD_TIMEOUT_MS = 2_000;

const UNCHECKED: GuardOutcome = { duplicate: false, reasons: ["guards_unavailable"], checked: false };

/** Calls `ask` once per group of items (by shard name), mapping answers back; null answers where a shard failed. */
async function perShard<T, A>(items: T[], shardOf: (t: T) => string | null, ask: (shard: string, items: T[]) => Promise<A[]>, deadline: Promise<null>): Promise<(A | null)[]> {
  const groups = new Map<string, number[]>();
  items.forEach((t, i) => {
    const shard = shardOf(t);
    if (!shard) return;
    const group = groups.get(shard);
    if (group) group.push(i);
    else groups.set(shard, [i]);
  });
  const answers: (A | null)[] = items.map(() => null);
  await Promise.all(
    [...groups].map(async ([shard, idx]) => {
      const got = await Promise.race([ask(shard, idx.map((i) => items[i])).catch(() => null), deadline]);
      if (got) idx.forEach((i, k) => (answers[i] = got[k] ?? null));
    }),
  );
  return answers;
}

export async function guardClicks(requests: GuardRequest[], shards: GuardShards, counts: ShardCounts = shardCounts(undefined), timeoutMs = GUARD_TIMEOUT_MS): Promise<GuardOutcome[]> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // 0 means do not wait at all (every click recorded unchecked), which a timer of 0 ms would not guarantee.
  const deadline =
    timeoutMs <= 0
      ? Promise.resolve(null)
      : new Promise<null>((resolve) => {
          timer = setTimeout(() => resolve(null), timeoutMs);
        });
  try {
    const askVisitors = async (name: string, rs: GuardRequest[]) =>
      unpackVisitorVerdicts(await shards.visitors(name).recordClickRows(packVisitorClicks(rs.map((r) => r.click))));
    const askNetworks = async (name: string, rs: GuardRequest[]) =>
      unpackVelocities(await shards.networks(name).hitRows(packNetworkHits(rs.map((r) => ({ network: r.network!, at: r.click.at })))));
    const [visitors, networks] = await Promise.all([
      perShard(requests, (r) => visitorShardName(r.click.visitor, counts.visitors), askVisitors, deadline),
      perShard(requests, (r) => (r.network ? networkShardName(r.network, counts.networks) : null), askNetworks, deadline),
    ]);
    return requests.map((r, i) => {
      const visitor = visitors[i];
      if (!visitor) return UNCHECKED;
      const ip = networks[i];
      const reasons = velocitySignals(
        { ipLastMinute: ip?.lastMinute ?? 0, ipLastHour: ip?.lastHour ?? 0, visitorAffiliateLastHour: visitor.affiliateClicksLastHour },
        r.limits,
      );
      // A network shard that did not answer leaves the velocity of the click's network unknown: said so.
      if (r.network && !ip) reasons.push("guards_unavailable");
      return { duplicate: visitor.duplicate, reasons, checked: true };
    });
  } finally {
    clearTimeout(timer);
  }
}
