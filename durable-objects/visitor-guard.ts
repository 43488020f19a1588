/**
 * Visitors' recent clicks, in shard objects (durable-objects/shard.ts): a visitor (first-party visitor id,
 * or a hash of the truncated IP and user agent when there is no cookie) always lands on the same shard.
 * It tells a repeat click on the same link inside the campaign's dedup window (a duplicate, not a new
 * click) and counts the visitor's clicks per affiliate for velocity checks. State is bounded: an alarm
 * deletes clicks older than a day.
 */
import { DurableObject } from "cloudflare:workers";

export interface VisitorClick {
  visitor: string;
  linkId: string;
  affiliateId: string;
  at: number;
  dedupWindowMs: number;
}

export interface VisitorVerdict {
  duplicate: boolean;
  /** This visitor's clicks for the same affiliate in the last hour, this one included. */
  affiliateClicksLastHour: number;
}

const RETENTION_MS = 24 * 3_600_000;
const HOUR_MS = 3_600_000;
const SWEEP_EVERY_MS = 10 * 60_000;

export class VisitorGuard extends DurableObject<Record<string, unknown>> {
  constructor(ctx: DurableObjectState, env: Record<string, unknown>) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS clicks (visitor TEXT NOT NULL, link_id TEXT NOT NULL, affiliate_id TEXT NOT NULL, at INTEGER NOT NULL)");
    ctx.storage.sql.exec("CREATE INDEX IF NOT EXISTS clicks_visitor ON clicks (visitor, at)");
    ctx.storage.sql.exec("CREATE INDEX IF NOT EXISTS clicks_at ON clicks (at)");
  }

  /** Several clicks in one call (a redirect isolate's batch), judged in order in one transaction. */
  async recordClicks(clicks: VisitorClick[]): Promise<VisitorVerdict[]> {
    const verdicts = this.ctx.storage.transactionSync(() => clicks.map((c) => this.judge(c)));
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + this.sweepEveryMs());
    return verdicts;
  }

  async recordClick(click: VisitorClick): Promise<VisitorVerdict> {
    return (await this.recordClicks([click]))[0];
  }

  private judge(click: VisitorClick): VisitorVerdict {
    const sql = this.ctx.storage.sql;
    const duplicate =
      sql.exec("SELECT 1 FROM clicks WHERE visitor = ? AND link_id = ? AND at > ? LIMIT 1", click.visitor, click.linkId, click.at - click.dedupWindowMs).toArray().length > 0;
    sql.exec("INSERT INTO clicks (visitor, link_id, affiliate_id, at) VALUES (?, ?, ?, ?)", click.visitor, click.linkId, click.affiliateId, click.at);
    const affiliateClicksLastHour = Number(
      sql.exec("SELECT count(*) AS n FROM clicks WHERE visitor = ? AND affiliate_id = ? AND at > ?", click.visitor, click.affiliateId, click.at - HOUR_MS).one().n,
    );
    return { duplicate, affiliateClicksLastHour };
  }

  /** A visitor's recent touches per affiliate: hints for attribution. */
  touches(visitor: string): { affiliateId: string; clicks: number; lastAt: number }[] {
    return this.ctx.storage.sql
      .exec<{ affiliate_id: string; n: number; last_at: number }>(
        "SELECT affiliate_id, count(*) AS n, max(at) AS last_at FROM clicks WHERE visitor = ? GROUP BY affiliate_id ORDER BY last_at DESC",
        visitor,
      )
      .toArray()
      .map((r) => ({ affiliateId: r.affiliate_id, clicks: Number(r.n), lastAt: Number(r.last_at) }));
  }

  alarm(): Promise<void> {
    return this.sweep();
  }

  /** Drops clicks past retention; the alarm runs it every ten minutes while the shard holds any. */
  async sweep(): Promise<void> {
    this.ctx.storage.sql.exec("DELETE FROM clicks WHERE at <= ?", Date.now() - RETENTION_MS);
    const left = Number(this.ctx.storage.sql.exec("SELECT count(*) AS n FROM clicks").one().n);
    if (left > 0) await this.ctx.storage.setAlarm(Date.now() + this.sweepEveryMs());
  }

  /** `GUARD_SWEEP_EVERY_MS` shortens the sweep period (tests watch the alarm expire state). */
  private sweepEveryMs(): number {
    return Number(this.env.GUARD_SWEEP_EVERY_MS ?? SWEEP_EVERY_MS);
  }
}
