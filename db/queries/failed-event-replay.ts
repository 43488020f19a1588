/**
 * The one replay of failed_events, shared by the operator's endpoint (ingest Worker, every tenant) and the
 * merchant's `POST /v1/failed-events/replay` (API Worker, one tenant): pending rows of a replayable source
 * are sent back to the EVENTS queue and marked replayed.
 */
import { and, asc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { chunkForSendBatch } from "../../core/send-batch";
import type { Executor } from "../client";
import { failedEvents } from "../schema";

/** Why a requested id was not replayed; `not_found` also covers other tenants' ids, whose existence is not told. */
export const REPLAY_SKIP_REASONS = ["not_found", "already_replayed", "not_replayable", "retry_later"] as const;
export type ReplaySkipReason = (typeof REPLAY_SKIP_REASONS)[number];

export interface ReplayRequest {
  ids?: string[];
  limit: number;
  /** Only this tenant's rows; left out only by the operator. */
  tenantId?: string;
}

export interface ReplayOutcome {
  ids: string[];
  skipped: { id: string; reason: ReplaySkipReason }[];
}

/** What the replay needs of a Queue producer binding. */
export interface EventsProducer {
  sendBatch(messages: { body: unknown; contentType: "json" }[]): Promise<unknown>;
}

/**
 * Only queue messages and webhook deliveries can be sent through the pipeline again. Refused platform and
 * payout-provider webhooks are kept as records (evidence of a tampered or replayed call, or a payload no
 * mapping knew); the sender has to deliver them again.
 */
const replayable = sql<boolean>`(${failedEvents.source} LIKE 'queue:%' OR ${failedEvents.source} = 'webhooks')`;

/**
 * Rows are locked (FOR UPDATE SKIP LOCKED) while they are sent, so two replays running at once never send
 * one row twice; should a send fail, the (sub)transaction rolls back and the rows stay pending.
 */
export async function replayFailedEvents(db: Executor, queue: EventsProducer, req: ReplayRequest): Promise<ReplayOutcome> {
  // An empty list asks for nothing: taking it for "all pending" would replay what nobody picked.
  if (req.ids?.length === 0) return { ids: [], skipped: [] };
  return db.transaction(async (tx) => {
    const tenant = req.tenantId === undefined ? undefined : eq(failedEvents.tenantId, req.tenantId);
    const asked = req.ids === undefined ? undefined : inArray(failedEvents.id, req.ids);
    const rows = await tx
      .select({ id: failedEvents.id, payload: failedEvents.payload })
      .from(failedEvents)
      .where(and(isNull(failedEvents.replayedAt), replayable, tenant, asked))
      .orderBy(asc(failedEvents.createdAt))
      .limit(req.limit)
      .for("update", { skipLocked: true });
    // By count and by bytes: parked click batches are up to 100 KB each, and three would pass a send's 256 KB.
    for (const chunk of chunkForSendBatch(rows.map((r) => r.payload))) {
      await queue.sendBatch(chunk.map((body) => ({ body, contentType: "json" as const })));
    }
    const ids = rows.map((r) => r.id);
    if (ids.length > 0) {
      await tx
        .update(failedEvents)
        .set({ replayedAt: sql`now()`, replayCount: sql`${failedEvents.replayCount} + 1` })
        .where(inArray(failedEvents.id, ids));
    }
    return { ids, skipped: await skippedOf(tx, req, tenant, new Set(ids)) };
  });
}

/** Says, per requested id that was not sent, why in general terms. */
async function skippedOf(db: Executor, req: ReplayRequest, tenant: SQL | undefined, sent: Set<string>): Promise<ReplayOutcome["skipped"]> {
  const rest = [...new Set(req.ids ?? [])].filter((id) => !sent.has(id));
  if (rest.length === 0) return [];
  const found = await db
    .select({ id: failedEvents.id, replayedAt: failedEvents.replayedAt, replayable })
    .from(failedEvents)
    .where(and(inArray(failedEvents.id, rest), tenant));
  const byId = new Map(found.map((r) => [r.id, r]));
  return rest.map((id) => {
    const row = byId.get(id);
    // A pending, replayable row not sent is locked by a replay running now, or beyond `limit`.
    const reason: ReplaySkipReason = !row ? "not_found" : row.replayedAt ? "already_replayed" : !row.replayable ? "not_replayable" : "retry_later";
    return { id, reason };
  });
}
