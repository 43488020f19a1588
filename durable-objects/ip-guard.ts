/**
 * Clicks per network (the daily-rotating hash of the truncated IP) in the last 60 seconds and the last
 * hour, for velocity limits, counted in 10-second buckets so "the last minute" slides (a flood straddling
 * a minute boundary is still one minute's flood); networks are spread over shard objects
 * (durable-objects/shard.ts). An alarm drops buckets older than two hours.
 */
import { DurableObject } from "cloudflare:workers";
import { BUCKET_MS, countNetworkHits, networkBucketsFrom, type IpVelocity } from "./guard-judgement";

import { packVelocities, unpackNetworkHits } from "./guard-wire";

export type { IpVelocity } from "./guard-judgement";

const SWEEP_EVERY_MS = 10 * 60_000;

export class IpGuard extends DurableObject<Record<string, unknown>> {
  constructor(ctx: DurableObjectState, env: Record<string, unknown>) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS network_buckets (network TEXT NOT NULL, bucket INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (network, bucket))");
    ctx.storage.sql.exec("CREATE INDEX IF NOT EXISTS network_buckets_bucket ON network_buckets (bucket)");
  }

  /** Several hits in one call (a redirect isolate's batch), counted in order: one read and one upsert per batch. */
  async hitMany(hits: { network: string; at: number }[]): Promise<IpVelocity[]> {
    if (hits.length === 0) return [];
    const sql = this.ctx.storage.sql;
    const networks = JSON.stringify([...new Set(hits.map((h) => h.network))]);
    const velocities = this.ctx.storage.transactionSync(() => {
      const stored = sql
        .exec<{ network: string; bucket: number; n: number }>(
          "SELECT network, bucket, n FROM network_buckets WHERE network IN (SELECT value FROM json_each(?)) AND bucket > ?",
          networks, networkBucketsFrom(hits),
        )
        .toArray()
        .map((r) => ({ network: r.network, bucket: Number(r.bucket), n: Number(r.n) }));
      const counted = countNetworkHits(hits, stored);
      // `WHERE true` lets SQLite parse an upsert whose rows come from a SELECT.
      sql.exec(
        `INSERT INTO network_buckets (network, bucket, n)
         SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(?) WHERE true
         ON CONFLICT (network, bucket) DO UPDATE SET n = n + excluded.n`,
        JSON.stringify(counted.increments.map((b) => [b.network, b.bucket, b.n])),
      );
      return counted.velocities;
    });
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + SWEEP_EVERY_MS);
    return velocities;
  }

  /** hitMany in the redirect's wire format (guard-wire.ts): JSON rows in, (minute, hour) pairs out. */
  async hitRows(rows: string): Promise<Uint32Array> {
    return packVelocities(await this.hitMany(unpackNetworkHits(rows)));
  }

  async hit(network: string, at: number): Promise<IpVelocity> {
    return (await this.hitMany([{ network, at }]))[0];
  }

  alarm(): Promise<void> {
    return this.sweep();
  }

  async sweep(): Promise<void> {
    this.ctx.storage.sql.exec("DELETE FROM network_buckets WHERE bucket <= ?", Math.floor((Date.now() - 2 * 3_600_000) / BUCKET_MS));
    const left = Number(this.ctx.storage.sql.exec("SELECT count(*) AS n FROM network_buckets").one().n);
    if (left > 0) await this.ctx.storage.setAlarm(Date.now() + SWEEP_EVERY_MS);
  }
}
