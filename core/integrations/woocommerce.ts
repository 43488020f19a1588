/**
 * WooCommerce webhooks (REST API v3 order resource): `order.created`, `order.updated` and friends carry the
 * whole order. Its status says where the order is; its `refunds` list each refund (id, negative total).
 * The click id rides in the order's meta data (`_indica_cid`, saved by the checkout snippet); the coupon
 * is the first coupon line.
 */
import { asArray, asRecord, asText, clickIdFrom, currencyOf, decimalToMinor, ignored, isoTime, mapped, unmappable, type ConversionDraftInput, type MappedWebhook } from "./mapped-order";

const STATUS: Record<string, ConversionDraftInput["status"]> = {
  pending: "placed",
  "on-hold": "placed",
  processing: "paid",
  completed: "fulfilled",
  // A fully refunded order stays an order: its refunds take the commission back.
  refunded: "paid",
  cancelled: "cancelled",
  failed: "cancelled",
};

export function mapWooCommerce(topic: string, body: unknown): MappedWebhook {
  if (!topic.startsWith("order.")) return ignored(`topic ${topic} is not imported; subscribe order.created and order.updated`);
  if (topic === "order.deleted" || topic === "order.restored") return ignored(`topic ${topic} is not imported`);
  const order = asRecord(body);
  const orderId = asText(order.id);
  const currency = currencyOf(order.currency);
  if (!orderId) return unmappable("the order has no id");
  if (!currency) return unmappable(`currency ${String(order.currency)} is not supported`);
  const status = STATUS[String(order.status)];
  if (!status) return ignored(`order status ${String(order.status)} is not imported`);
  const amount = decimalToMinor(order.total, currency);
  if (amount === null || amount < 0) return unmappable(`total ${String(order.total)} is not an amount in ${currency}`);
  const meta = asArray(order.meta_data).map((m) => [String(asRecord(m).key), asRecord(m).value] as [string, unknown]);
  const billing = asRecord(order.billing);
  const customerId = Number(order.customer_id) > 0 ? String(order.customer_id) : undefined;
  const email = asText(billing.email);
  const refunds = [];
  for (const raw of asArray(order.refunds)) {
    const r = asRecord(raw);
    const value = decimalToMinor(r.total, currency);
    if (!asText(r.id) || value === null) return unmappable(`refund ${String(r.id)} has no id or amount`);
    if (value !== 0) refunds.push({ orderId, refundId: `woocommerce:${asText(r.id)}`, amount: Math.abs(value), currency, reason: asText(r.reason)?.slice(0, 500) });
  }
  return mapped(
    [
      {
        orderId,
        amount,
        currency,
        status,
        clickId: clickIdFrom(meta),
        coupon: asText(asRecord(asArray(order.coupon_lines)[0]).code),
        customer: email || customerId ? { email, customerId } : undefined,
        occurredAt: isoTime(withZone(order.date_paid_gmt)) ?? isoTime(withZone(order.date_created_gmt)),
        metadata: { platform: "woocommerce", ...(asText(order.number) ? { orderNumber: asText(order.number)! } : {}) },
      },
    ],
    refunds,
  );
}

/** WooCommerce's `*_gmt` fields are UTC without a zone designator. */
const withZone = (v: unknown) => (typeof v === "string" && /T\d\d:\d\d:\d\d$/.test(v) ? `${v}Z` : v);
