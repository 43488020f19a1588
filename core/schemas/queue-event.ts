/**
 * Every message on the events queue, versioned. The edge adds what only it knows (time of receipt,
 * consent, visitor and cookie click id, enrichment, IP hash) so the consumer never needs the request.
 */
import { z } from "zod";
import { isId } from "../ids";
import { clickEventSchema } from "./click-event";
import { browserEventSchema, conversionInputSchema, refundInputSchema, sha256HexSchema } from "./tracking";

const tenantId = z.string().refine((v) => isId("tenant", v), "expected a tenant id");

export const edgeContextSchema = z.object({
  receivedAt: z.number().int().nonnegative(),
  country: z.string().length(2).nullable(),
  deviceType: z.string().max(16).nullable(),
  browser: z.string().max(64).nullable(),
  os: z.string().max(64).nullable(),
  isBot: z.boolean(),
  /** Only with consent to store identifiers. */
  ipHash: z.string().max(64).nullable(),
});
export type EdgeContext = z.infer<typeof edgeContextSchema>;

export const browserEventMessageSchema = z.object({
  type: z.literal("browser_event"),
  v: z.literal(1),
  tenantId,
  consent: z.enum(["granted", "denied", "unknown"]),
  /** The first-party visitor cookie, only when identifiers may be stored. */
  visitorId: z.string().nullable(),
  /** The server-set click cookie sent along with the call, only when identifiers may be stored. */
  cookieClickId: z.string().nullable(),
  context: edgeContextSchema,
  /** One message per tracking call, not per event: a queue's throughput is counted in messages. */
  events: z.array(browserEventSchema).min(1).max(50),
});
export type BrowserEventMessage = z.infer<typeof browserEventMessageSchema>;

/** A server-to-server conversion; a raw email in the request was hashed at the edge and dropped. */
export const conversionMessageSchema = z.object({
  type: z.literal("conversion"),
  v: z.literal(1),
  tenantId,
  receivedAt: z.number().int().nonnegative(),
  input: conversionInputSchema.omit({ customer: true }).extend({
    emailHash: sha256HexSchema.optional(),
    customerIdHash: sha256HexSchema.optional(),
  }),
});
export type ConversionMessage = z.infer<typeof conversionMessageSchema>;

export const refundMessageSchema = z.object({
  type: z.literal("refund"),
  v: z.literal(1),
  tenantId,
  receivedAt: z.number().int().nonnegative(),
  refundKey: z.string().min(1).max(200),
  input: refundInputSchema,
});
export type RefundMessage = z.infer<typeof refundMessageSchema>;

/**
 * A webhook delivery that ran out of attempts is parked in failed_events as this message, so the usual
 * replay of failed events (`npm run replay:failed`) puts the delivery back in line. Sent by nothing else.
 */
export const webhookRedeliveryMessageSchema = z.object({
  type: z.literal("webhook_delivery"),
  v: z.literal(1),
  tenantId,
  /** The delivery (`whd_...`). */
  id: z.string().refine((v) => isId("webhookDelivery", v), "expected a webhook delivery id"),
  eventId: z.string().max(300).optional(),
  eventType: z.string().max(64).optional(),
});
export type WebhookRedeliveryMessage = z.infer<typeof webhookRedeliveryMessageSchema>;

export const queueEventSchema = z.discriminatedUnion("type", [clickEventSchema, browserEventMessageSchema, conversionMessageSchema, refundMessageSchema, webhookRedeliveryMessageSchema]);
export type QueueEvent = z.infer<typeof queueEventSchema>;
