/**
 * What merchants send us: browser events from the tracking script (POST /_indica/e) and server-to-server
 * conversions and refunds (POST /v1/conversions, /v1/conversions/batch, /v1/refunds on the ingest Worker).
 * Amounts are integer minor units with a currency; emails arrive hashed (SHA-256 of the trimmed,
 * lower-cased address) or are hashed at the edge, never stored in the clear.
 */
import { z } from "zod";
import { isId, timestampOfId } from "../ids";
import { currencySchema, MAX_MINOR_UNITS, minorUnits, minorUnitsSchema } from "../money";
import { isStorableText } from "../text";
import { instantSchema, isInstantInRange } from "./instant";

export const text = (max: number) => z.string().max(max).refine(isStorableText, "must not contain control characters or broken Unicode");
const idOf = (kind: Parameters<typeof isId>[0], hint: string) => z.string().refine((v) => isId(kind, v), `expected ${hint}`);
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, "expected a lowercase SHA-256 hex digest");

/**
 * The shop's own id of an order or refund, matched exactly: `DE-10001` and `DE-10001` followed by a
 * zero-width space were two orders, and `"  "` one. Refused rather than trimmed: trimming would match
 * what the shop did not send, and the shop's own records keep the id it means.
 */
export const shopIdSchema = (field: string) =>
  text(128)
    .min(1, `${field} is required`)
    .refine((v) => v.trim() === v, `${field} must not start or end with spaces`)
    .refine((v) => !/[\p{Cf}\p{Zl}\p{Zp}]/u.test(v), `${field} must not contain invisible characters (zero-width or direction marks)`);
export const orderIdSchema = shopIdSchema("orderId");
export const couponSchema = text(64).min(1);

export const lineItemSchema = z.object({
  sku: text(128).min(1),
  name: text(256).optional(),
  category: text(128).optional(),
  quantity: z.number().int().min(1).max(100_000),
  /** Price of one unit, in minor units. */
  unitAmount: minorUnitsSchema,
})
  // A line's total is summed with the others like an order amount, so it has the same cap.
  .refine((i) => i.unitAmount * i.quantity <= MAX_MINOR_UNITS, { path: ["unitAmount"], message: `unitAmount × quantity must be at most ${MAX_MINOR_UNITS} (minor units)` });

export const orderStatusSchema = z.enum(["placed", "paid", "fulfilled", "cancelled"]);

export const conversionDetailsSchema = z.object({
  orderId: orderIdSchema,
  amount: minorUnitsSchema,
  currency: currencySchema,
  items: z.array(lineItemSchema).max(200).optional(),
  coupon: couponSchema.optional(),
});

export const identitySchema = z
  .object({ emailHash: sha256HexSchema.optional(), customerIdHash: sha256HexSchema.optional() })
  .refine((v) => v.emailHash || v.customerIdHash, "give emailHash or customerIdHash");

const propValue = z.union([text(512), z.number().finite(), z.boolean()]);

/**
 * The browser's event id also carries the event's time (the id's ULID timestamp), which becomes the row's
 * `occurred_at`. A made-up id can encode up to year 10889, which Postgres refused after the 202: the time
 * must be one an instant may have (./instant.ts).
 */
const eventIdSchema = idOf("event", "an event id (evt_...)").refine((v) => !isId("event", v) || isInstantInRange(timestampOfId(v) ?? NaN), "the event id's time must be from 1970 to 9999");

/** One event from the tracking script. `id` is made in the browser so retries are idempotent. */
export const browserEventSchema = z.object({
  id: eventIdSchema,
  type: z.enum(["pageview", "lead", "conversion", "custom", "identify"]),
  name: text(64).optional(),
  url: z.string().max(2048).refine((v) => /^https?:\/\//.test(v) && isStorableText(v), "must be the page's http(s) URL"),
  referrer: text(2048).optional(),
  /** Click id the script found on the landing URL or in localStorage. */
  clickId: idOf("click", "a click id (clk_...)").optional(),
  clickIdSource: z.enum(["url", "local_storage"]).optional(),
  props: z.record(text(64), propValue).refine((p) => Object.keys(p).length <= 25, "at most 25 properties").optional(),
  identity: identitySchema.optional(),
  conversion: conversionDetailsSchema.optional(),
});
export type BrowserEvent = z.infer<typeof browserEventSchema>;

export const browserEventBatchSchema = z.object({
  /** The merchant's public site id: its tenant id. */
  site: idOf("tenant", "the site id from your snippet (tnt_...)"),
  /** granted | denied | unknown: without consent nothing identifying is kept (see docs/tracking.md). */
  consent: z.enum(["granted", "denied", "unknown"]).default("unknown"),
  events: z.array(browserEventSchema).min(1).max(50),
});
export type BrowserEventBatch = z.infer<typeof browserEventBatchSchema>;

/** A conversion sent server to server. */
export const conversionInputSchema = conversionDetailsSchema.extend({
  /** Unique per conversion; defaults to the order id, so resending an order is harmless. */
  eventId: text(128).optional(),
  clickId: idOf("click", "a click id (clk_...)").optional(),
  visitorId: idOf("visitor", "a visitor id (vis_...)").optional(),
  customer: z
    // Stores send emails as typed; surrounding spaces are not a reason to refuse an order.
    .object({ email: z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.email().max(320)).optional(), emailHash: sha256HexSchema.optional(), customerId: text(128).optional() })
    .optional(),
  status: orderStatusSchema.default("placed"),
  /** Subscriptions: the subscription this payment belongs to, and which payment it is (0 = the first). */
  subscription: z.object({ id: text(128).min(1), renewal: z.number().int().min(0).max(1_200) }).optional(),
  occurredAt: instantSchema.optional(),
  metadata: z.record(text(64), propValue).refine((p) => Object.keys(p).length <= 25, "at most 25 keys").optional(),
});
export type ConversionInput = z.infer<typeof conversionInputSchema>;

export const conversionBatchSchema = z.object({ conversions: z.array(conversionInputSchema).min(1).max(100) });

export const refundInputSchema = z.object({
  orderId: orderIdSchema,
  /** Unique in the tenant (not per order); defaults to a hash of the order id, amount, currency and time. */
  refundId: shopIdSchema("refundId").optional(),
  amount: minorUnits({ positive: true }),
  currency: currencySchema,
  reason: text(500).optional(),
  occurredAt: instantSchema.optional(),
});
export type RefundInput = z.infer<typeof refundInputSchema>;
