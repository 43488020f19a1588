/**
 * One object per visitor (first-party visitor id, or a hash of the truncated IP and user agent when the
 * visitor has no cookie). It remembers the visitor's recent clicks to tell a repeat click on the same link
 * inside the campaign's dedup window (a duplicate, not a new click) and to count clicks per affiliate for
 * velocity checks. State is bounded: clicks older than a day are deleted by an alarm, and an object with
 * nothing left deletes its storage.
 */
import { DurableObject } from "cloudflare:workers";

export interface VisitorClick {
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

export class VisitorGuard extends DurableObject<Record<string, unknown>> {
  constructor(ctx: DurableObjectState, env: Record<string, unknown>) {
    super(ctx, env);
    this.ensureSchema();
  }

  /** deleteAll() drops the tables too, so they are made again before the object is used after a sweep. */
  private schemaReady = false;
  private ensureSchema(): void {
    if (this.schemaReady) return;
    this.ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS clicks (link_id TEXT NOT NULL, affiliate_id TEXT NOT NULL, at INTEGER NOT NULL)");
    this.ctx.storage.sql.exec("CREATE INDEX IF NOT EXISTS clicks_at ON clicks (at)");
    this.schemaReady = true;
  }

  async recordClick(click: VisitorClick): Promise<VisitorVerdict> {
    this.ensureSchema();
    const sql = this.ctx.storage.sql;
    const duplicate = sql.exec("SELECT 1 FROM clicks WHERE link_id = ? AND at > ? LIMIT 1", click.linkId, click.at - click.dedupWindowMs).toArray().length > 0;
    sql.exec("INSERT INTO clicks (link_id, affiliate_id, at) VALUES (?, ?, ?)", click.linkId, click.affiliateId, click.at);
    const affiliateClicksLastHour = Number(
      sql.exec("SELECT count(*) AS n FROM clicks WHERE affiliate_id = ? AND at > ?", click.affiliateId, click.at - HOUR_MS).one().n,
    );
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + RETENTION_MS);
    return { duplicate, affiliateClicksLastHour };
  }

  /** The visitor's recent touches per affiliate: hints for attribution. */
  touches(): { affiliateId: string; clicks: number; lastAt: number }[] {
    this.ensureSchema();
    return this.ctx.storage.sql
      .exec<{ affiliate_id: string; n: number; last_at: number }>("SELECT affiliate_id, count(*) AS n, max(at) AS last_at FROM clicks GROUP BY affiliate_id ORDER BY last_at DESC")
      .toArray()
      .map((r) => ({ affiliateId: r.affiliate_id, clicks: Number(r.n), lastAt: Number(r.last_at) }));
  }

  alarm(): Promise<void> {
    return this.sweep();
  }

  /** Drops what is past retention and, when nothing is left, the object's storage; the alarm runs it hourly. */
  async sweep(): Promise<void> {
    this.ensureSchema();
    this.ctx.storage.sql.exec("DELETE FROM clicks WHERE at <= ?", Date.now() - RETENTION_MS);
    const left = Number(this.ctx.storage.sql.exec("SELECT count(*) AS n FROM clicks").one().n);
    if (left === 0) {
      await this.ctx.storage.deleteAll();
      this.schemaReady = false;
    }
    else await this.ctx.storage.setAlarm(Date.now() + HOUR_MS);
  }
}
