/**
 * The webhook events merchants can subscribe to: a closed list, each with the schema of its `data`.
 * Event ids are derived from what happened (`commission.approved:<commission id>`), never random, so an
 * event announced twice by the at-least-once pipeline is still delivered once per endpoint.
 */
import { z } from "zod";

export const WEBHOOK_EVENT_TYPES = [
  "conversion.created",
  "conversion.status_changed",
  "commission.created",
  "commission.updated",
  "commission.approved",
  "commission.rejected",
  "commission.reversed",
  "refund.created",
  "ping",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** What an endpoint may subscribe to: `ping` is only ever sent on request, to one endpoint. */
export const SUBSCRIBABLE_EVENT_TYPES = WEBHOOK_EVENT_TYPES.filter((t): t is Exclude<WebhookEventType, "ping"> => t !== "ping");

const conversionData = z.object({
  id: z.string(),
  orderId: z.string(),
  status: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  affiliateId: z.string().nullable(),
  occurredAt: z.string(),
});

const commissionData = z.object({
  id: z.string(),
  orderId: z.string(),
  conversionId: z.string(),
  affiliateId: z.string(),
  campaignId: z.string(),
  currency: z.string(),
  amount: z.number().int(),
  reversedAmount: z.number().int(),
  status: z.string(),
});

export const WEBHOOK_DATA_SCHEMAS = {
  "conversion.created": conversionData,
  "conversion.status_changed": conversionData,
  "commission.created": commissionData.extend({ heldForReview: z.boolean() }),
  // Recomputed in place from its order's new figures (same id); `previous` is what it said before.
  "commission.updated": commissionData.extend({
    heldForReview: z.boolean(),
    previous: z.object({ amount: z.number().int(), reversedAmount: z.number().int(), status: z.string() }),
    reason: z.string(),
  }),
  "commission.approved": commissionData,
  "commission.rejected": commissionData.extend({ reason: z.string().nullable() }),
  "commission.reversed": commissionData.extend({ refundId: z.string(), reversalAmount: z.number().int() }),
  "refund.created": z.object({ id: z.string(), orderId: z.string(), refundId: z.string(), amount: z.number().int(), currency: z.string(), reason: z.string().nullable(), occurredAt: z.string() }),
  ping: z.object({ endpointId: z.string() }),
} satisfies Record<WebhookEventType, z.ZodType>;

export type WebhookData<T extends WebhookEventType> = z.infer<(typeof WEBHOOK_DATA_SCHEMAS)[T]>;

/** One event for one tenant, before it is fanned out to that tenant's endpoints. */
export type WebhookEvent = {
  [T in WebhookEventType]: { tenantId: string; id: string; type: T; createdAt: string; data: WebhookData<T> };
}[WebhookEventType];

/** The JSON body POSTed to an endpoint. */
export interface WebhookEnvelope {
  id: string;
  type: WebhookEventType;
  createdAt: string;
  data: unknown;
}

export const isWebhookEventType = (v: unknown): v is WebhookEventType => typeof v === "string" && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(v);

/** The deterministic id of an event: its type and the ids of what it is about. */
export const webhookEventId = (type: WebhookEventType, ...subject: string[]) => [type, ...subject].join(":");
