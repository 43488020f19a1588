import { z } from "@hono/zod-openapi";
import { isId } from "../../../../../../core/ids";
import { isStorableText } from "../../../../../../core/text";
import { pageOf, pageQuery } from "../../../lib/pagination";
import { instantOrDay, isDay } from "../time-range";
import { strictBody } from "../../../lib/strict-body";

export const ORDER_STATUSES = ["placed", "paid", "fulfilled", "cancelled"] as const;

export const conversionSchema = z
  .object({
    id: z.string().openapi({ example: "cnv_01JB8Z5Q3X0000000000000000" }),
    orderId: z.string(),
    status: z.enum(ORDER_STATUSES),
    source: z.enum(["browser", "s2s"]).openapi({ description: "Whose figures these are: `browser` (the tracking script) until your server reports the order, whose amount, currency and items then replace the script's" }),
    amount: z.number().int().openapi({ description: "Minor units of `currency`" }),
    currency: z.string(),
    defaultCurrencyAmount: z.number().int().nullable().openapi({ description: "In the merchant's default currency at the order's rate; null without a rate, or when converted it would pass 10^12 (the cap on amounts)" }),
    coupon: z.string().nullable().openapi({ description: "For an affiliate user, null unless it is one of their own coupons" }),
    campaignId: z.string().nullable().openapi({ description: "Of the matched click, or of the coupon" }),
    affiliateId: z.string().nullable().openapi({ description: "The affiliate the order was matched to (for an affiliate user sharing the order's commission, null when it is another)" }),
    clickId: z.string().nullable().openapi({ description: "The matched click (for an affiliate user, null when it is another affiliate's)" }),
    clickRecorded: z
      .boolean()
      .nullable()
      .openapi({
        description:
          "Whether `clickId` names a stored click: null without one; false while no click of that id is stored, which is either a click still on its way (the order is credited when it lands) or an id that no link of yours made (mistyped or made up by the shop's integration)",
      }),
    identitySource: z.string().nullable().openapi({ description: "Which step of the identity chain found the shopper" }),
    subscriptionId: z.string().nullable(),
    renewal: z.number().int().nullable(),
    occurredAt: z.string().openapi({ format: "date-time" }),
    receivedAt: z.string().openapi({ format: "date-time" }),
    items: z
      .array(z.object({ sku: z.string(), name: z.string().optional(), category: z.string().optional(), quantity: z.number().int(), unitAmount: z.number().int() }))
      .optional()
      .openapi({ description: "The order's line items as your server (or the script) last sent them, which product and category rules read; merchants only" }),
    customer: z
      .object({ emailHash: z.string().nullable(), customerIdHash: z.string().nullable(), visitorId: z.string().nullable() })
      .optional()
      .openapi({ description: "The shopper's identifiers; merchants only, never shown to affiliate users" }),
    fraud: z
      .object({ score: z.number().int(), reasons: z.array(z.string()), flagged: z.boolean(), reviewStatus: z.string().nullable() })
      .optional()
      .openapi({ description: "The fraud assessment; merchants only" }),
  })
  .openapi("Conversion");

export const conversionListSchema = pageOf(conversionSchema, "ConversionList");

const idOf = (kind: "campaign" | "affiliate", prefix: string) =>
  z.string().refine((v) => isId(kind, v), `expected ${kind === "affiliate" ? "an" : "a"} ${kind} id (${prefix}_...)`);

export const conversionQuery = z.object({
    status: z.enum(ORDER_STATUSES).optional().openapi({ param: { name: "status", in: "query" } }),
    campaignId: idOf("campaign", "cmp").optional().openapi({ param: { name: "campaignId", in: "query" } }),
    affiliateId: idOf("affiliate", "aff").optional().openapi({ param: { name: "affiliateId", in: "query" }, description: "The matched affiliate" }),
    orderId: z.string().min(1).max(128).refine(isStorableText, "must not contain control characters or broken Unicode").optional().openapi({ param: { name: "orderId", in: "query" } }),
    from: instantOrDay.optional().openapi({ param: { name: "from", in: "query" }, description: "Orders at or after: an instant, or a day (its start in your time zone)", example: "2026-11-01" }),
    to: instantOrDay.optional().openapi({ param: { name: "to", in: "query" }, description: "Orders before an instant, or up to the end of a day in your time zone", example: "2026-11-30" }),
    ...pageQuery,
  })
  // A range that ends before it starts is a mistake (as reports answer it), not an empty page. Two days, or
  // two instants, compare here; a day against an instant needs the merchant's time zone and is left alone.
  .refine((q) => !(q.from && q.to && isDay(q.from) === isDay(q.to) && (isDay(q.from) ? q.from > q.to : Date.parse(q.from) > Date.parse(q.to))), {
    path: ["from"],
    message: "must not be after to",
  });

export const conversionIdParams = z.object({
  id: z.string().refine((v) => isId("conversion", v), "expected a conversion id (cnv_...)").openapi({ param: { name: "id", in: "path" }, example: "cnv_01JB8Z5Q3X0000000000000000" }),
});

export const statusChangeBody = strictBody({
  status: z.enum(["paid", "fulfilled", "cancelled"]).openapi({ description: "Orders move forward only: placed → paid → fulfilled, or cancelled from any of them" }),
})
  .openapi("ConversionStatusChange");
