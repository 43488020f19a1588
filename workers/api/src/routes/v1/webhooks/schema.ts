import { z } from "@hono/zod-openapi";
import { isId } from "../../../../../../core/ids";
import { isStorableText } from "../../../../../../core/text";
import { SUBSCRIBABLE_EVENT_TYPES, WEBHOOK_EVENT_TYPES } from "../../../../../../core/webhook-events";
import { pageQuery } from "../../../lib/pagination";
import { strictBody } from "../../../lib/strict-body";

// The https rule depends on the Worker's settings, so the handler checks it (core/webhook-url.ts).
// Trimmed: a URL pasted with a trailing space was stored with it, and one with a trailing newline was
// refused as "must not contain control characters".
const url = z.string().trim().min(1).max(2048).openapi({ description: "Where events are POSTed. https only.", example: "https://loja.example/indica/webhooks" });
const description = z.string().max(500).refine(isStorableText, "must not contain control characters or broken Unicode");
const eventTypes = z
  .array(z.enum(SUBSCRIBABLE_EVENT_TYPES))
  .max(SUBSCRIBABLE_EVENT_TYPES.length)
  .openapi({ description: "Event types to receive; empty for all of them.", example: ["commission.approved", "commission.reversed"] });

export const createWebhookBody = strictBody({ url, description: description.optional(), eventTypes: eventTypes.default([]) }).openapi("CreateWebhook");

export const updateWebhookBody = strictBody({ url: url.optional(), description: description.nullable().optional(), eventTypes: eventTypes.optional(), status: z.enum(["active", "disabled"]).optional() })
  .openapi("UpdateWebhook");

export const webhookSchema = z
  .object({
    id: z.string().openapi({ example: "whk_01JB8Z5Q3X0000000000000000" }),
    url: z.string(),
    description: z.string().nullable(),
    eventTypes: z.array(z.string()),
    status: z.enum(["active", "disabled"]),
    createdAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Webhook");

export const webhookWithSecretSchema = webhookSchema
  .extend({ secret: z.string().openapi({ description: "Signs every delivery (`Indica-Signature`). Shown only now: store it.", example: "whsec_5f0c…" }) })
  .openapi("WebhookWithSecret");

export const webhookSecretSchema = z.object({ id: z.string(), secret: z.string().openapi({ description: "The new signing secret, shown only now; the old one stops at once." }) }).openapi("WebhookSecret");

export const deliverySchema = z
  .object({
    id: z.string().openapi({ example: "whd_01JB8Z5Q3X0000000000000000" }),
    endpointId: z.string(),
    eventId: z.string().openapi({ example: "commission.approved:com_01JB8Z5Q3X0000000000000000" }),
    eventType: z.enum(WEBHOOK_EVENT_TYPES),
    status: z.enum(["pending", "delivered", "failed"]),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable().openapi({ description: "HTTP status of the last attempt; null when it got no answer" }),
    lastError: z.string().nullable(),
    nextAttemptAt: z.string().nullable().openapi({ format: "date-time", description: "When it is tried next; null unless pending" }),
    deliveredAt: z.string().nullable(),
    createdAt: z.string(),
    payload: z.record(z.string(), z.unknown()).openapi({ description: "The body sent: `{ id, type, createdAt, data }`" }),
  })
  .openapi("WebhookDelivery");

const webhookId = z.string().refine((v) => isId("webhook", v), "expected a webhook id (whk_...)");
export const webhookIdParams = z.object({ id: webhookId.openapi({ param: { name: "id", in: "path" }, example: "whk_01JB8Z5Q3X0000000000000000" }) });
export const deliveryParams = webhookIdParams.extend({
  deliveryId: z
    .string()
    .refine((v) => isId("webhookDelivery", v), "expected a delivery id (whd_...)")
    .openapi({ param: { name: "deliveryId", in: "path" }, example: "whd_01JB8Z5Q3X0000000000000000" }),
});

export const webhookListQuery = z.object({ ...pageQuery });
export const deliveryListQuery = z.object({ status: z.enum(["pending", "delivered", "failed"]).optional().openapi({ param: { name: "status", in: "query" } }), ...pageQuery });

export type CreateWebhookInput = z.infer<typeof createWebhookBody>;
export type UpdateWebhookInput = z.infer<typeof updateWebhookBody>;
