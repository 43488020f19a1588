/**
 * The webhook outbox: an event becomes one `webhook_deliveries` row per endpoint (active or disabled) of its tenant
 * that subscribes to its type, written in the caller's transaction, so an event is announced exactly
 * when what it describes commits. Idempotent by (endpoint, event id): an event announced again (a queue
 * batch redelivered, a decision repeated) adds nothing. The scheduled sender (workers/ingest) does the rest.
 */
import { inArray } from "drizzle-orm";
import { newId } from "../../core/ids";
import type { WebhookEnvelope, WebhookEvent } from "../../core/webhook-events";
import type { Executor } from "../client";
import { webhookDeliveries, webhookEndpoints } from "../schema";

const envelopeOf = (e: WebhookEvent): WebhookEnvelope => ({ id: e.id, type: e.type, createdAt: e.createdAt, data: e.data });

async function insertDeliveries(db: Executor, rows: (typeof webhookDeliveries.$inferInsert)[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insert(webhookDeliveries)
    .values(rows)
    .onConflictDoNothing({ target: [webhookDeliveries.endpointId, webhookDeliveries.eventId] })
    .returning({ id: webhookDeliveries.id });
  return inserted.map((r) => r.id);
}

/** Fans events out to the subscribed endpoints; returns the ids of the new deliveries. */
export async function emitWebhookEvents(db: Executor, events: WebhookEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  const endpoints = await db
    .select({ id: webhookEndpoints.id, tenantId: webhookEndpoints.tenantId, eventTypes: webhookEndpoints.eventTypes })
    .from(webhookEndpoints)
    // Disabled endpoints too: their events wait (the sender skips them) and go out once it is active again,
    // as docs/webhooks.md promises; only deleting an endpoint drops what it would have received.
    .where(inArray(webhookEndpoints.tenantId, [...new Set(events.map((e) => e.tenantId))]));
  if (endpoints.length === 0) return [];
  const rows = events.flatMap((e) =>
    endpoints
      // An empty subscription means every type, except `ping`, which only the test operation sends.
      .filter((ep) => ep.tenantId === e.tenantId && e.type !== "ping" && (ep.eventTypes.length === 0 || ep.eventTypes.includes(e.type)))
      .map((ep) => ({ id: newId("webhookDelivery"), tenantId: e.tenantId, endpointId: ep.id, eventId: e.id, eventType: e.type, payload: envelopeOf(e) })),
  );
  return insertDeliveries(db, rows);
}

/** Queues one event for one endpoint whatever it subscribes to (the `ping` of the test operation). */
export async function queueWebhookDelivery(db: Executor, endpointId: string, event: WebhookEvent): Promise<string | null> {
  const [id] = await insertDeliveries(db, [{ id: newId("webhookDelivery"), tenantId: event.tenantId, endpointId, eventId: event.id, eventType: event.type, payload: envelopeOf(event) }]);
  return id ?? null;
}
