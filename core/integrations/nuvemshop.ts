/**
 * Nuvemshop / Tiendanube. Its webhooks name the order only (`{"store_id":..,"event":"order/paid","id":..}`);
 * the order itself is read from its API (GET /v1/{store_id}/orders/{id}). `order/paid` imports it as paid,
 * `order/cancelled` as cancelled (taking back its commissions). The click id comes from the landing URL
 * Nuvemshop keeps with the order (`?indica_cid=clk_...`) or the order note; the coupon from `coupon[0].code`.
 */
import { z } from "zod";
import { asArray, asRecord, asText, clickIdFromUrl, currencyOf, decimalToMinor, isoTime, mapped, unmappable, type MappedWebhook } from "./mapped-order";
import { isId } from "../ids";

export const nuvemshopNotificationSchema = z.object({
  store_id: z.union([z.number().int(), z.string().regex(/^\d+$/)]),
  event: z.string().max(64),
  id: z.union([z.number().int(), z.string().regex(/^\d+$/)]),
});
export type NuvemshopNotification = z.infer<typeof nuvemshopNotificationSchema>;

export const NUVEMSHOP_EVENTS = { "order/paid": "paid", "order/cancelled": "cancelled" } as const;

export function mapNuvemshopOrder(event: keyof typeof NUVEMSHOP_EVENTS, body: unknown): MappedWebhook {
  const order = asRecord(body);
  const orderId = asText(order.id);
  const currency = currencyOf(order.currency);
  if (!orderId) return unmappable("the order has no id");
  if (!currency) return unmappable(`currency ${String(order.currency)} is not supported`);
  const amount = decimalToMinor(order.total, currency);
  if (amount === null || amount < 0) return unmappable(`total ${String(order.total)} is not an amount in ${currency}`);
  const customer = asRecord(order.customer);
  const email = asText(order.contact_email) ?? asText(customer.email);
  const noteClick = /\bclk_[0-9A-HJKMNP-TV-Z]{26}\b/.exec(asText(order.note) ?? "")?.[0];
  return mapped([
    {
      orderId,
      amount,
      currency,
      status: NUVEMSHOP_EVENTS[event],
      clickId: clickIdFromUrl(order.landing_url) ?? (isId("click", noteClick) ? noteClick : undefined),
      coupon: asText(asRecord(asArray(order.coupon)[0]).code),
      customer: email || asText(customer.id) ? { email, customerId: asText(customer.id) } : undefined,
      occurredAt: isoTime(order.paid_at) ?? isoTime(order.created_at),
      metadata: { platform: "nuvemshop", ...(asText(order.number) ? { orderNumber: asText(order.number)! } : {}) },
    },
  ]);
}
