/**
 * One object per network (the daily-rotating hash of the truncated IP): clicks per minute and per hour in
 * one-minute buckets, for velocity limits. Keyed by network, the counters are naturally sharded: no
 * object sees more than one network's traffic. Buckets older than two hours are dropped by an alarm.
 */
import { DurableObject } from "cloudflare:workers";

export interface IpVelocity {
  lastMinute: number;
  lastHour: number;
}

const MINUTE_MS = 60_000;

export class IpGuard extends DurableObject<Record<string, unknown>> {
  constructor(ctx: DurableObjectState, env: Record<string, unknown>) {
    super(ctx, env);
    this.ensureSchema();
  }

  /** deleteAll() drops the tables too, so they are made again before the object is used after a sweep. */
  private schemaReady = false;
  private ensureSchema(): void {
    if (this.schemaReady) return;
    this.ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS buckets (minute INTEGER PRIMARY KEY, n INTEGER NOT NULL)");
    this.schemaReady = true;
  }

  async hit(at: number): Promise<IpVelocity> {
    this.ensureSchema();
    const sql = this.ctx.storage.sql;
    const minute = Math.floor(at / MINUTE_MS);
    sql.exec("INSERT INTO buckets (minute, n) VALUES (?, 1) ON CONFLICT (minute) DO UPDATE SET n = n + 1", minute);
    const lastMinute = Number(sql.exec("SELECT n FROM buckets WHERE minute = ?", minute).one().n);
    const lastHour = Number(sql.exec("SELECT coalesce(sum(n), 0) AS n FROM buckets WHERE minute > ?", minute - 60).one().n);
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + 2 * 60 * MINUTE_MS);
    return { lastMinute, lastHour };
  }

  alarm(): Promise<void> {
    return this.sweep();
  }

  /** Drops buckets older than two hours and, when nothing is left, the object's storage. */
  async sweep(): Promise<void> {
    this.ensureSchema();
    this.ctx.storage.sql.exec("DELETE FROM buckets WHERE minute <= ?", Math.floor(Date.now() / MINUTE_MS) - 120);
    const left = Number(this.ctx.storage.sql.exec("SELECT count(*) AS n FROM buckets").one().n);
    if (left === 0) {
      await this.ctx.storage.deleteAll();
      this.schemaReady = false;
    }
    else await this.ctx.storage.setAlarm(Date.now() + 60 * MINUTE_MS);
  }
}
