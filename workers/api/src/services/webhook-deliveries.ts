/** An endpoint's delivery log, for the API: listing, retrying, and the `ping` of the test operation. */
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { newId } from "../../../../core/ids";
import { webhookEventId } from "../../../../core/webhook-events";
import type { Executor } from "../../../../db/client";
import { queueWebhookDelivery } from "../../../../db/queries/webhook-outbox";
import { webhookDeliveries } from "../../../../db/schema";

export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

/** Newest first: the log is read to see what just happened. */
export function listDeliveries(db: Executor, tenantId: string, endpointId: string, q: { status?: string; limit: number; cursor?: string }): Promise<DeliveryRow[]> {
  return db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.tenantId, tenantId),
        eq(webhookDeliveries.endpointId, endpointId),
        q.status ? eq(webhookDeliveries.status, q.status) : undefined,
        q.cursor ? lt(webhookDeliveries.id, q.cursor) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(q.limit + 1);
}

/** Puts a delivery (failed, delivered or waiting for its next retry) back in line, due now. */
export async function retryDelivery(db: Executor, tenantId: string, endpointId: string, deliveryId: string): Promise<DeliveryRow | undefined> {
  const [row] = await db
    .update(webhookDeliveries)
    .set({ status: "pending", nextAttemptAt: sql`now()` })
    .where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.id, deliveryId)))
    .returning();
  return row;
}

/** Queues a `ping` for this endpoint alone; each call is a new event. */
export async function queuePing(db: Executor, tenantId: string, endpointId: string): Promise<DeliveryRow> {
  const id = webhookEventId("ping", newId("event"));
  const deliveryId = await queueWebhookDelivery(db, endpointId, { tenantId, id, type: "ping", createdAt: new Date().toISOString(), data: { endpointId } });
  const [row] = await db.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.id, deliveryId!)));
  return row;
}
