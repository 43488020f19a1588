/**
 * Stripe events. `checkout.session.completed` is the order (payment mode: the PaymentIntent is the order;
 * subscription mode: the first invoice is, so its `invoice.paid` is the same order); `invoice.paid` of a
 * `subscription_cycle` is a renewal of the subscription; `charge.refunded` refunds the order its charge paid.
 * The click id is the Checkout Session's `client_reference_id` or `metadata.indica_cid`; the coupon is
 * `metadata.coupon` (Stripe's promotion codes are ids, not the code the shopper typed).
 */
import { asArray, asRecord, asText, clickIdFrom, currencyOf, ignored, isoTime, mapped, unmappable, type MappedWebhook } from "./mapped-order";
import { isId } from "../ids";

/** Months since the subscription's first payment, known from our own orders; see the ingest receiver. */
export type RenewalLookup = (subscriptionId: string, paidAt: number) => Promise<number>;

export async function mapStripe(event: Record<string, unknown>, renewalOf: RenewalLookup): Promise<MappedWebhook> {
  const type = String(event.type);
  const object = asRecord(asRecord(event.data).object);
  if (type === "checkout.session.completed") return mapCheckout(object);
  if (type === "invoice.paid") return mapInvoice(object, renewalOf);
  if (type === "charge.refunded") return mapChargeRefunded(object, asRecord(asRecord(event.data).previous_attributes));
  return ignored(`event ${type} is not imported; subscribe checkout.session.completed, invoice.paid and charge.refunded`);
}

function clickOf(o: Record<string, unknown>): string | undefined {
  const ref = o.client_reference_id;
  return isId("click", ref) ? ref : clickIdFrom(Object.entries(asRecord(o.metadata)));
}

function mapCheckout(s: Record<string, unknown>): MappedWebhook {
  if (s.payment_status !== "paid" && s.payment_status !== "no_payment_required") return ignored(`checkout session not paid (${String(s.payment_status)})`);
  const subscription = asText(s.subscription);
  const orderId = subscription ? asText(s.invoice) : (asText(s.payment_intent) ?? asText(s.id));
  const currency = currencyOf(s.currency);
  const amount = Number(s.amount_total);
  if (!orderId) return unmappable("the session has neither invoice nor payment_intent");
  if (!currency) return unmappable(`currency ${String(s.currency)} is not supported`);
  if (!Number.isSafeInteger(amount) || amount < 0) return unmappable(`amount_total ${String(s.amount_total)} is not an integer amount`);
  const details = asRecord(s.customer_details);
  return mapped([
    {
      orderId,
      amount,
      currency,
      status: "paid",
      clickId: clickOf(s),
      coupon: asText(asRecord(s.metadata).coupon),
      customer: asText(details.email) || asText(s.customer) ? { email: asText(details.email), customerId: asText(s.customer) } : undefined,
      subscription: subscription ? { id: subscription, renewal: 0 } : undefined,
      occurredAt: isoTime(s.created),
      metadata: { platform: "stripe", checkoutSession: String(s.id).slice(0, 512) },
    },
  ]);
}

async function mapInvoice(inv: Record<string, unknown>, renewalOf: RenewalLookup): Promise<MappedWebhook> {
  const orderId = asText(inv.id);
  const currency = currencyOf(inv.currency);
  const amount = Number(inv.amount_paid);
  const subscription = asText(inv.subscription) ?? asText(asRecord(asRecord(inv.parent).subscription_details).subscription);
  if (!orderId) return unmappable("the invoice has no id");
  if (!currency) return unmappable(`currency ${String(inv.currency)} is not supported`);
  if (!Number.isSafeInteger(amount) || amount < 0) return unmappable(`amount_paid ${String(inv.amount_paid)} is not an integer amount`);
  const paidAt = Number(asRecord(inv.status_transitions).paid_at ?? inv.created) * 1000 || Date.now();
  const first = inv.billing_reason !== "subscription_cycle";
  const renewal = subscription && !first ? await renewalOf(subscription, paidAt) : 0;
  const metadata = asRecord(asRecord(inv.subscription_details).metadata);
  return mapped([
    {
      orderId,
      amount,
      currency,
      status: "paid",
      clickId: first ? clickIdFrom(Object.entries(metadata)) : undefined,
      customer: asText(inv.customer_email) || asText(inv.customer) ? { email: asText(inv.customer_email), customerId: asText(inv.customer) } : undefined,
      subscription: subscription ? { id: subscription, renewal } : undefined,
      occurredAt: new Date(paidAt).toISOString(),
      metadata: { platform: "stripe", billingReason: String(inv.billing_reason ?? "").slice(0, 64) },
    },
  ]);
}

function mapChargeRefunded(charge: Record<string, unknown>, previous: Record<string, unknown>): MappedWebhook {
  const orderId = asText(charge.invoice) ?? asText(charge.payment_intent) ?? asText(charge.id);
  const currency = currencyOf(charge.currency);
  if (!orderId || !currency) return unmappable("the charge has no order reference or a supported currency");
  const listed = asArray(asRecord(charge.refunds).data).map(asRecord);
  // Each Stripe refund is its own refund (re_...), so a partial refund followed by another counts both once.
  if (listed.length > 0) {
    const refunds = listed
      .filter((r) => r.status === undefined || r.status === "succeeded")
      .map((r) => ({ orderId, refundId: `stripe:${String(r.id)}`, amount: Number(r.amount), currency, reason: asText(r.reason), occurredAt: isoTime(r.created) }));
    return refunds.some((r) => !Number.isSafeInteger(r.amount) || r.amount <= 0) ? unmappable("a refund has no positive integer amount") : mapped([], refunds);
  }
  // Newer API versions do not list refunds: what this event added is the change in amount_refunded.
  const total = Number(charge.amount_refunded);
  const before = Number(previous.amount_refunded ?? 0);
  if (!Number.isSafeInteger(total) || !Number.isSafeInteger(before) || total - before <= 0) return unmappable("amount_refunded does not say what was refunded");
  return mapped([], [{ orderId, refundId: `stripe:${String(charge.id)}:${total}`, amount: total - before, currency }]);
}
