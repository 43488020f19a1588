/**
 * PayPal Payouts webhooks (`PAYMENT.PAYOUTS-ITEM.*`). PayPal's signature (a certificate-signed CRC of the
 * body) is checked by PayPal itself: `POST /v1/notifications/verify-webhook-signature` with the transmission
 * headers, our webhook id and the event, answered `{ verification_status: "SUCCESS" | "FAILURE" }`. It is
 * called through the adapter's configured API base (PAYPAL_API_BASE; tests point it at a fake server).
 * PayPal's check does not refuse a replay of a genuine event: the event id does (payout_provider_events).
 */
import { asRecord, asString, type PayoutEventOutcome } from "./event";

export type PaypalCheck = "ok" | "malformed" | "mismatch" | "unavailable";

export interface PaypalWebhookConfig {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  webhookId: string;
}

const TRANSMISSION_HEADERS = ["paypal-transmission-id", "paypal-transmission-time", "paypal-transmission-sig", "paypal-cert-url", "paypal-auth-algo"] as const;

export async function verifyPaypalWebhook(config: PaypalWebhookConfig, header: (name: string) => string | undefined, event: unknown): Promise<PaypalCheck> {
  const h = Object.fromEntries(TRANSMISSION_HEADERS.map((n) => [n, header(n)]));
  if (TRANSMISSION_HEADERS.some((n) => !h[n]) || event === null) return "malformed";
  try {
    const tokenRes = await fetch(`${config.baseUrl}/v1/oauth2/token`, {
      method: "POST",
      headers: { authorization: `Basic ${btoa(`${config.clientId}:${config.clientSecret}`)}`, "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    });
    const token = ((await tokenRes.json()) as { access_token?: string }).access_token;
    if (!tokenRes.ok || !token) return "unavailable";
    const res = await fetch(`${config.baseUrl}/v1/notifications/verify-webhook-signature`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        transmission_id: h["paypal-transmission-id"], transmission_time: h["paypal-transmission-time"], transmission_sig: h["paypal-transmission-sig"],
        cert_url: h["paypal-cert-url"], auth_algo: h["paypal-auth-algo"], webhook_id: config.webhookId, webhook_event: event,
      }),
    });
    if (!res.ok) return res.status >= 500 || res.status === 429 ? "unavailable" : "mismatch";
    return ((await res.json()) as { verification_status?: string }).verification_status === "SUCCESS" ? "ok" : "mismatch";
  } catch {
    return "unavailable";
  }
}

const FAILED = new Set(["PAYMENT.PAYOUTS-ITEM.FAILED", "PAYMENT.PAYOUTS-ITEM.RETURNED", "PAYMENT.PAYOUTS-ITEM.REFUNDED", "PAYMENT.PAYOUTS-ITEM.REVERSED", "PAYMENT.PAYOUTS-ITEM.CANCELED", "PAYMENT.PAYOUTS-ITEM.DENIED", "PAYMENT.PAYOUTS-ITEM.BLOCKED"]);

export function readPaypalEvent(body: unknown): PayoutEventOutcome {
  const event = asRecord(body);
  const eventId = asString(event.id) ?? "";
  const type = asString(event.event_type) ?? "";
  if (!eventId) return { kind: "unmappable", eventId, reason: "no PayPal event id" };
  if (!type.startsWith("PAYMENT.PAYOUTS-ITEM.")) return { kind: "ignored", eventId, reason: `${type} is not a payout item event` };
  const resource = asRecord(event.resource);
  const match = { itemId: asString(asRecord(resource.payout_item).sender_item_id), reference: asString(resource.payout_batch_id) };
  if (!match.itemId && !match.reference) return { kind: "unmappable", eventId, reason: `${type} without sender_item_id or payout_batch_id` };
  if (type === "PAYMENT.PAYOUTS-ITEM.SUCCEEDED") return { kind: "paid", eventId, match, reference: asString(resource.payout_batch_id) };
  if (FAILED.has(type)) {
    const errors = asRecord(resource.errors);
    return { kind: "failed", eventId, match, reason: `PayPal: ${asString(resource.transaction_status) ?? type}${errors.name ? ` (${String(errors.name)})` : ""}` };
  }
  // HELD, UNCLAIMED (the receiver has 30 days to claim; PayPal sends RETURNED after): still pending.
  return { kind: "ignored", eventId, reason: `${type} leaves the payout pending` };
}
