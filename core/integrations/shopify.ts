/**
 * Shopify webhooks (Admin API, JSON): `orders/paid` carries the order; `refunds/create` a refund of it.
 * The click id rides in the cart's note attributes (`indica_cid`, set by the theme snippet) or the landing
 * URL; the coupon is the first discount code. Order ids are Shopify's numeric order id.
 */
import { asArray, asRecord, asText, clickIdFrom, clickIdFromUrl, currencyOf, decimalToMinor, ignored, isoTime, mapped, unmappable, type MappedWebhook } from "./mapped-order";

export function mapShopify(topic: string, body: unknown): MappedWebhook {
  if (topic === "orders/paid") return mapOrder(asRecord(body));
  if (topic === "refunds/create") return mapRefund(asRecord(body));
  return ignored(`topic ${topic} is not imported; subscribe orders/paid and refunds/create`);
}

function mapOrder(order: Record<string, unknown>): MappedWebhook {
  const orderId = asText(order.id);
  const currency = currencyOf(order.currency);
  if (!orderId) return unmappable("the order has no id");
  if (!currency) return unmappable(`currency ${String(order.currency)} is not supported`);
  const amount = decimalToMinor(order.total_price, currency);
  if (amount === null || amount < 0) return unmappable(`total_price ${String(order.total_price)} is not an amount in ${currency}`);
  const attributes = asArray(order.note_attributes).map((a) => [String(asRecord(a).name), asRecord(a).value] as [string, unknown]);
  const coupon = asText(asRecord(asArray(order.discount_codes)[0]).code);
  const email = asText(order.email) ?? asText(asRecord(order.customer).email);
  const customerId = asText(asRecord(order.customer).id);
  const items = asArray(order.line_items).flatMap((raw) => {
    const line = asRecord(raw);
    const unitAmount = decimalToMinor(line.price, currency);
    const sku = asText(line.sku) ?? asText(line.variant_id) ?? asText(line.product_id);
    const quantity = Number(line.quantity);
    return sku && unitAmount !== null && Number.isInteger(quantity) && quantity > 0 ? [{ sku, name: asText(line.title), quantity, unitAmount }] : [];
  });
  return mapped([
    {
      orderId,
      amount,
      currency,
      status: "paid",
      clickId: clickIdFrom(attributes) ?? clickIdFromUrl(order.landing_site),
      coupon,
      customer: email || customerId ? { email, customerId } : undefined,
      items: items.length > 0 ? items.slice(0, 200) : undefined,
      occurredAt: isoTime(order.processed_at) ?? isoTime(order.created_at),
      metadata: { platform: "shopify", ...(asText(order.name) ? { orderName: asText(order.name)! } : {}) },
    },
  ]);
}

function mapRefund(refund: Record<string, unknown>): MappedWebhook {
  const refundId = asText(refund.id);
  const orderId = asText(refund.order_id);
  if (!refundId || !orderId) return unmappable("the refund has no id or order_id");
  // What was given back is the refund's successful refund transactions (line items may be restocked for free).
  const transactions = asArray(refund.transactions).map(asRecord).filter((t) => t.kind === "refund" && (t.status === undefined || t.status === "success"));
  const currency = currencyOf(transactions[0]?.currency);
  if (!currency) return unmappable("the refund has no successful refund transaction with a supported currency");
  let amount = 0;
  for (const t of transactions) {
    const part = decimalToMinor(t.amount, currency);
    if (part === null) return unmappable(`transaction amount ${String(t.amount)} is not an amount in ${currency}`);
    amount += Math.abs(part);
  }
  if (amount === 0) return mapped([], []);
  return mapped([], [{ orderId, refundId: `shopify:${refundId}`, amount, currency, reason: asText(refund.note)?.slice(0, 500), occurredAt: isoTime(refund.created_at) }]);
}
