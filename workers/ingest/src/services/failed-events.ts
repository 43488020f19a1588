/** failed_events: where the pipeline keeps what it could not process (the replay is db/queries/failed-event-replay.ts). */
import { newId } from "../../../../core/ids";
import { storableJson } from "../../../../core/text";
import type { Executor } from "../../../../db/client";
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
