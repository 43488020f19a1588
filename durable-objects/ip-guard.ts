/**
 * Clicks per network (the daily-rotating hash of the truncated IP) in the last 60 seconds and the last
 * hour, for velocity limits, counted in 10-second buckets so "the last minute" slides (a flood straddling
 * a minute boundary is still one minute's flood); networks are spread over shard objects
 * (durable-objects/shard.ts). An alarm drops buckets older than two hours.
 */
import { DurableObject } from "cloudflare:workers";

export interface IpVelocity {
  lastMinute: number;
  lastHour: number;
}

const BUCKET_MS = 10_000;
const MINUTE_MS = 60_000;
const SWEEP_EVERY_MS = 10 * MINUTE_MS;

export class IpGuard extends DurableObject<Record<string, unknown>> {
  constructor(ctx: DurableObjectState, env: Record<string, unknown>) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS network_buckets (network TEXT NOT NULL, bucket INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (network, bucket))");
    ctx.storage.sql.exec("CREATE INDEX IF NOT EXISTS network_buckets_bucket ON network_buckets (bucket)");
  }

  /** Several hits in one call (a redirect isolate's batch), counted in order in one transaction. */
  async hitMany(hits: { network: string; at: number }[]): Promise<IpVelocity[]> {
    const counts = this.ctx.storage.transactionSync(() => hits.map((h) => this.count(h.network, h.at)));
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + SWEEP_EVERY_MS);
    return counts;
  }

  async hit(network: string, at: number): Promise<IpVelocity> {
    return (await this.hitMany([{ network, at }]))[0];
  }

  private count(network: string, at: number): IpVelocity {
    const sql = this.ctx.storage.sql;
    const bucket = Math.floor(at / BUCKET_MS);
    sql.exec("INSERT INTO network_buckets (network, bucket, n) VALUES (?, ?, 1) ON CONFLICT (network, bucket) DO UPDATE SET n = n + 1", network, bucket);
    const sumSince = (first: number) => Number(sql.exec("SELECT coalesce(sum(n), 0) AS n FROM network_buckets WHERE network = ? AND bucket > ?", network, first).one().n);
    const lastMinute = sumSince(bucket - MINUTE_MS / BUCKET_MS);
    const lastHour = sumSince(bucket - 3_600_000 / BUCKET_MS);
    return { lastMinute, lastHour };
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
