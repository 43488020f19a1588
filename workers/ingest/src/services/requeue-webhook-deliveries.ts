/** Replayed webhook deliveries (see `webhookRedeliveryMessageSchema`): back to pending, due now. */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { WebhookRedeliveryMessage } from "../../../../core/schemas/queue-event";
import type { Executor } from "../../../../db/client";
import { webhookDeliveries } from "../../../../db/schema";

export async function requeueWebhookDeliveries(db: Executor, messages: WebhookRedeliveryMessage[]): Promise<void> {
  // Grouped by tenant so a message can only ever touch a delivery of the tenant it names.
  const byTenant = new Map<string, string[]>();
  for (const m of messages) byTenant.set(m.tenantId, [...(byTenant.get(m.tenantId) ?? []), m.id]);
  for (const [tenantId, ids] of byTenant) {
    await db
      .update(webhookDeliveries)
      .set({ status: "pending", nextAttemptAt: sql`now()` })
      .where(and(eq(webhookDeliveries.tenantId, tenantId), inArray(webhookDeliveries.id, ids), eq(webhookDeliveries.status, "failed")));
  }
}
