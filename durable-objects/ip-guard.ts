/**
 * Clicks per network (the daily-rotating hash of the truncated IP) per minute and per hour, in one-minute
 * buckets, for velocity limits; networks are spread over shard objects (durable-objects/shard.ts).
 * An alarm drops buckets older than two hours.
 */
import { DurableObject } from "cloudflare:workers";

export interface IpVelocity {
  lastMinute: number;
  lastHour: number;
}

const MINUTE_MS = 60_000;
const SWEEP_EVERY_MS = 10 * MINUTE_MS;

export class IpGuard extends DurableObject<Record<string, unknown>> {
  constructor(ctx: DurableObjectState, env: Record<string, unknown>) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS buckets (network TEXT NOT NULL, minute INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (network, minute))");
    ctx.storage.sql.exec("CREATE INDEX IF NOT EXISTS buckets_minute ON buckets (minute)");
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
    const minute = Math.floor(at / MINUTE_MS);
    sql.exec("INSERT INTO buckets (network, minute, n) VALUES (?, ?, 1) ON CONFLICT (network, minute) DO UPDATE SET n = n + 1", network, minute);
    const lastMinute = Number(sql.exec("SELECT n FROM buckets WHERE network = ? AND minute = ?", network, minute).one().n);
    const lastHour = Number(sql.exec("SELECT coalesce(sum(n), 0) AS n FROM buckets WHERE network = ? AND minute > ?", network, minute - 60).one().n);
    return { lastMinute, lastHour };
  }

  alarm(): Promise<void> {
    return this.sweep();
  }

  async sweep(): Promise<void> {
    this.ctx.storage.sql.exec("DELETE FROM buckets WHERE minute <= ?", Math.floor(Date.now() / MINUTE_MS) - 120);
    const left = Number(this.ctx.storage.sql.exec("SELECT count(*) AS n FROM buckets").one().n);
    if (left > 0) await this.ctx.storage.setAlarm(Date.now() + SWEEP_EVERY_MS);
  }
}
