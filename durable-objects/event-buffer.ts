/**
 * Last-resort buffer for queue events. When a Worker cannot hand an event to the Queue (the send failed
 * even after retries), it parks the event here; the object keeps it in its SQLite storage and an alarm
 * pushes it back to the Queue until that succeeds. The shopper's redirect never waits on this.
 */
import { DurableObject } from "cloudflare:workers";
import { chunkForSendBatch } from "../core/send-batch";

export interface EventBufferEnv {
  EVENTS: Queue;
  /** Delay before the first flush attempt; short in tests. */
  EVENT_BUFFER_FLUSH_DELAY_MS?: string;
}

const FLUSH_BATCH = 100;
const MAX_BACKOFF_MS = 5 * 60_000;

export class EventBuffer extends DurableObject<EventBufferEnv> {
  constructor(ctx: DurableObjectState, env: EventBufferEnv) {
    super(ctx, env);
    ctx.storage.sql.exec(
      "CREATE TABLE IF NOT EXISTS pending (seq INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL, buffered_at INTEGER NOT NULL)",
    );
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS flush_state (id INTEGER PRIMARY KEY CHECK (id = 1), failures INTEGER NOT NULL)");
  }

  /** Stores events durably and schedules a flush; returns how many are waiting. */
  async buffer(events: unknown[]): Promise<number> {
    const now = Date.now();
    for (const event of events) {
      this.ctx.storage.sql.exec("INSERT INTO pending (body, buffered_at) VALUES (?, ?)", JSON.stringify(event), now);
    }
    if ((await this.ctx.storage.getAlarm()) === null) {
      await this.ctx.storage.setAlarm(now + Number(this.env.EVENT_BUFFER_FLUSH_DELAY_MS ?? 5_000));
    }
    return this.pendingCount();
  }

  pendingCount(): number {
    return Number(this.ctx.storage.sql.exec("SELECT count(*) AS n FROM pending").one().n);
  }

  async alarm(): Promise<void> {
    const rows = this.ctx.storage.sql
      .exec<{ seq: number; body: string }>("SELECT seq, body FROM pending ORDER BY seq LIMIT ?", FLUSH_BATCH)
      .toArray();
    if (rows.length === 0) return;
    // As many of the oldest as one send may carry (100 messages, 256 KB).
    const bodies = chunkForSendBatch(rows.map((r) => JSON.parse(r.body) as unknown))[0];
    try {
      await this.env.EVENTS.sendBatch(bodies.map((body) => ({ body, contentType: "json" as const })));
    } catch {
      const failures = this.recordFailure();
      await this.ctx.storage.setAlarm(Date.now() + Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** failures));
      return;
    }
    // Sent: deleting after the send means a crash in between re-sends; consumers dedupe by event id.
    this.ctx.storage.sql.exec("DELETE FROM pending WHERE seq <= ?", rows[bodies.length - 1].seq);
    this.ctx.storage.sql.exec("DELETE FROM flush_state");
    if (this.pendingCount() > 0) await this.ctx.storage.setAlarm(Date.now());
  }

  private recordFailure(): number {
    this.ctx.storage.sql.exec(
      "INSERT INTO flush_state (id, failures) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET failures = failures + 1",
    );
    return Number(this.ctx.storage.sql.exec("SELECT failures FROM flush_state").one().failures);
  }
}
