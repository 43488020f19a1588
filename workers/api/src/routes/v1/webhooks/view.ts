import type { WebhookEventType } from "../../../../../../core/webhook-events";
import type { DeliveryRow } from "../../../services/webhook-deliveries";
import type { WebhookRow } from "../../../services/webhook-endpoints";

/** Never the secret: it is shown once, by the operations that make one. */
export function toWebhookView(row: WebhookRow) {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    status: row.status === "disabled" ? ("disabled" as const) : ("active" as const),
    createdAt: row.createdAt.toISOString(),
  };
}

const DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;

export function toDeliveryView(row: DeliveryRow) {
  const status = DELIVERY_STATUSES.find((s) => s === row.status) ?? "pending";
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventId: row.eventId,
    // Written only by the outbox, from the closed list of types.
    eventType: row.eventType as WebhookEventType,
    status,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    nextAttemptAt: status === "pending" ? row.nextAttemptAt.toISOString() : null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    payload: row.payload as Record<string, unknown>,
  };
}
