/** failed_events: where the pipeline keeps what it could not process, and the replay that sends it back. */
import { and, asc, eq, inArray, isNull, like, or, sql } from "drizzle-orm";
import { newId } from "../../../../core/ids";
import { storableJson } from "../../../../core/text";
import type { Database, Executor } from "../../../../db/client";
import { failedEvents } from "../../../../db/schema";

export interface FailedEventInput {
  source: string;
  payload: unknown;
  reason: string;
  attempts: number;
}

function field(payload: unknown, key: string): string | null {
  if (payload && typeof payload === "object" && key in payload) {
    const v = (payload as Record<string, unknown>)[key];
    return typeof v === "string" ? v.slice(0, 200) : null;
  }
  return null;
}

export async function parkFailedEvents(db: Executor, items: FailedEventInput[]): Promise<void> {
  if (items.length === 0) return;
  await db.insert(failedEvents).values(
    items.map((i) => ({
      id: newId("failedEvent"),
      tenantId: field(i.payload, "tenantId"),
      source: i.source,
      eventType: field(i.payload, "type"),
      eventId: field(i.payload, "id"),
      // Whatever arrived must be parkable, even what jsonb cannot hold as it is (see core/text.ts).
      payload: storableJson(i.payload),
      reason: String(storableJson(i.reason.slice(0, 2_000))),
      attempts: i.attempts,
    })),
  );
}

export interface ReplayRequest {
  ids?: string[];
  limit: number;
}

/**
 * Only queue messages and webhook deliveries can be sent through the pipeline again. Refused platform and
 * payout-provider webhooks are kept as records (evidence of a tampered or replayed call, or a payload no
 * mapping knew); the sender has to deliver them again.
 */
const replayable = or(like(failedEvents.source, "queue:%"), eq(failedEvents.source, "webhooks"));

/**
 * Sends pending failed events back to the queue and marks them replayed. Rows are locked while they are
 * sent so two replays running at once cannot send the same row twice; should a send fail, the
 * transaction rolls back and the rows stay pending.
 */
export async function replayFailedEvents(db: Database, queue: Queue, req: ReplayRequest): Promise<number> {
  return db.transaction(async (tx) => {
    const pending = and(isNull(failedEvents.replayedAt), replayable);
    const where = req.ids?.length ? and(pending, inArray(failedEvents.id, req.ids)) : pending;
    const rows = await tx
      .select({ id: failedEvents.id, payload: failedEvents.payload })
      .from(failedEvents)
      .where(where)
      .orderBy(asc(failedEvents.createdAt))
      .limit(req.limit)
      .for("update", { skipLocked: true });
    for (let i = 0; i < rows.length; i += 100) {
      await queue.sendBatch(rows.slice(i, i + 100).map((r) => ({ body: r.payload, contentType: "json" as const })));
    }
    if (rows.length > 0) {
      await tx
        .update(failedEvents)
        .set({ replayedAt: sql`now()`, replayCount: sql`${failedEvents.replayCount} + 1` })
        .where(inArray(failedEvents.id, rows.map((r) => r.id)));
    }
    return rows.length;
  });
}
