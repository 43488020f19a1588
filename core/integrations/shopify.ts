/**
 * Shopify webhooks (Admin API, JSON): `orders/paid` carries the order; `refunds/create` a refund of it.
 * The click id rides in the cart's note attributes (`indica_cid`, set by the theme snippet) or the landing
 * URL; the coupon is the first discount code. Order ids are Shopify's numeric order id.
 */
import type { Currency } from "../money";
import { asArray, asRecord, asText, clickIdFrom, clickIdFromUrl, currencyOf, decimalToMinor, ignored, isoTime, mapped, unmappable, type MappedWebhook } from "./mapped-order";

export function mapShopify(topic: string, body: unknown): MappedWebhook {
  if (topic === "orders/paid") return mapOrder(asRecord(body));
  if (topic === "refunds/create") return mapRefund(asRecord(body));
  return ignored(`topic ${topic} is not imported; subscribe orders/paid and refunds/create`);
}

/** In shop money: `currency` is the shop's, and `total_price` and line `price` are in it (the customer's are in `*_set.presentment_money`). */
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
  const paid = currencyOf(transactions[0]?.currency);
  if (!paid) return unmappable("the refund has no successful refund transaction with a supported currency");
  let given = 0;
  for (const t of transactions) {
    const part = currencyOf(t.currency) === paid ? decimalToMinor(t.amount, paid) : null;
    if (part === null) return unmappable(`transaction amount ${String(t.amount)} ${String(t.currency)} is not an amount in ${paid}`);
    given += Math.abs(part);
  }
  if (given === 0) return mapped([], []);
  const { amount, currency } = inShopMoney(refund, given, paid);
  return mapped([], [{ orderId, refundId: `shopify:${refundId}`, amount, currency, reason: asText(refund.note)?.slice(0, 500), occurredAt: isoTime(refund.created_at) }]);
}

/**
 * The order is kept in shop money (`currency`, `total_price`: the shop's currency), but a shop selling in
 * several currencies pays refunds back in the customer's presentment currency. Such a refund is taken into
 * shop money at the rate of its own money sets (line items, shipping lines, adjustments, duties: each in
 * `shop_money` and `presentment_money`), so a full refund is exactly the shop amount Shopify computed.
 * Without sets to convert with, it stays in the currency paid back, and the pipeline parks it if that is
 * not its order's (services/store-refunds.ts) rather than take back the wrong share.
 */
function inShopMoney(refund: Record<string, unknown>, given: number, paid: Currency): { amount: number; currency: Currency } {
  const bags = moneyBagsOf(refund);
  const shop = currencyOf(bags[0]?.shop_money.currency_code);
  if (!shop || shop === paid) return { amount: given, currency: paid };
  let shopTotal = 0n;
  let paidTotal = 0n;
  for (const bag of bags) {
    if (currencyOf(bag.shop_money.currency_code) !== shop || currencyOf(bag.presentment_money.currency_code) !== paid) continue;
    const inShop = decimalToMinor(bag.shop_money.amount, shop);
    const inPaid = decimalToMinor(bag.presentment_money.amount, paid);
    if (inShop === null || inPaid === null) continue;
    shopTotal += BigInt(Math.abs(inShop));
    paidTotal += BigInt(Math.abs(inPaid));
  }
  if (paidTotal === 0n) return { amount: given, currency: paid };
  // given × shopTotal / paidTotal in integers, rounded half up: money never goes through a float.
  const amount = Number((2n * BigInt(given) * shopTotal + paidTotal) / (2n * paidTotal));
  return { amount, currency: shop };
}

type MoneyBag = { shop_money: Record<string, unknown>; presentment_money: Record<string, unknown> };

/** Every amount of a refund that Shopify gives in both shop and presentment money. */
function moneyBagsOf(refund: Record<string, unknown>): MoneyBag[] {
  const sets = [
    ...asArray(refund.refund_line_items).flatMap((l) => [asRecord(l).subtotal_set, asRecord(l).total_tax_set]),
    ...asArray(refund.refund_shipping_lines).flatMap((l) => [asRecord(l).subtotal_amount_set, asRecord(l).tax_amount_set]),
    ...asArray(refund.order_adjustments).flatMap((a) => [asRecord(a).amount_set, asRecord(a).tax_amount_set]),
    refund.total_duties_set,
  ];
  return sets.map(asRecord).flatMap((set) => {
    const shop = asRecord(set.shop_money);
    const presentment = asRecord(set.presentment_money);
    return "currency_code" in shop && "currency_code" in presentment ? [{ shop_money: shop, presentment_money: presentment }] : [];
  });
}
