/**
 * Visitors' recent clicks, in shard objects (durable-objects/shard.ts): a visitor (first-party visitor id,
 * or a hash of the truncated IP and user agent when there is no cookie) always lands on the same shard.
 * It tells a repeat click on the same link inside the campaign's dedup window (a duplicate, not a new
 * click) and counts the visitor's clicks per affiliate for velocity checks. State is bounded: an alarm
 * deletes clicks older than a day.
 */
import { DurableObject } from "cloudflare:workers";
import { judgeVisitorClicks, visitorBounds, type VisitorClick, type VisitorHistory, type VisitorVerdict } from "./guard-judgement";

import { packVisitorVerdicts, unpackVisitorClicks, type PackedVisitorVerdicts } from "./guard-wire";

export type { VisitorClick, VisitorVerdict } from "./guard-judgement";

const RETENTION_MS = 24 * 3_600_000;
const SWEEP_EVERY_MS = 10 * 60_000;

export class VisitorGuard extends DurableObject<Record<string, unknown>> {
  constructor(ctx: DurableObjectState, env: Record<string, unknown>) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS clicks (visitor TEXT NOT NULL, link_id TEXT NOT NULL, affiliate_id TEXT NOT NULL, at INTEGER NOT NULL)");
    ctx.storage.sql.exec("CREATE INDEX IF NOT EXISTS clicks_visitor ON clicks (visitor, at)");
    ctx.storage.sql.exec("CREATE INDEX IF NOT EXISTS clicks_at ON clicks (at)");
  }

  /**
   * Several clicks in one call (a redirect isolate's batch), judged in order: one read of the batch's
   * visitors' history and one insert, in one transaction (guard-judgement.ts does the judging).
   */
  async recordClicks(clicks: VisitorClick[]): Promise<VisitorVerdict[]> {
    if (clicks.length === 0) return [];
    const sql = this.ctx.storage.sql;
    const bounds = visitorBounds(clicks);
    const visitors = JSON.stringify([...new Set(clicks.map((c) => c.visitor))]);
    const verdicts = this.ctx.storage.transactionSync(() => {
      const history = sql
        .exec<{ visitor: string; link_id: string; affiliate_id: string; last_at: number; hour_clicks: number; edge_ats: string }>(
          `SELECT visitor, link_id, affiliate_id, max(at) AS last_at,
                  count(*) FILTER (WHERE at > ?) AS hour_clicks,
                  json_group_array(at) FILTER (WHERE at > ? AND at <= ?) AS edge_ats
           FROM clicks WHERE visitor IN (SELECT value FROM json_each(?)) AND at > ?
           GROUP BY visitor, link_id, affiliate_id`,
          bounds.hourFrom, bounds.hourFrom, bounds.hourTo, visitors, bounds.from,
        )
        .toArray()
        .map((r): VisitorHistory => ({
          visitor: r.visitor, linkId: r.link_id, affiliateId: r.affiliate_id, lastAt: Number(r.last_at),
          hourClicks: Number(r.hour_clicks), edgeAts: (JSON.parse(r.edge_ats) as number[]).map(Number),
        }));
      sql.exec(
        `INSERT INTO clicks (visitor, link_id, affiliate_id, at)
         SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]') FROM json_each(?)`,
        JSON.stringify(clicks.map((c) => [c.visitor, c.linkId, c.affiliateId, c.at])),
      );
      return judgeVisitorClicks(clicks, history);
    });
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + this.sweepEveryMs());
    return verdicts;
  }

  /** recordClicks in the redirect's wire format (guard-wire.ts): JSON rows in, typed arrays out. */
  async recordClickRows(rows: string): Promise<PackedVisitorVerdicts> {
    return packVisitorVerdicts(await this.recordClicks(unpackVisitorClicks(rows)));
  }

  async recordClick(click: VisitorClick): Promise<VisitorVerdict> {
    return (await this.recordClicks([click]))[0];
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
