/**
 * Stripe Connect webhooks. Stripe signs `Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256(whsec, "<t>.<body>")>`,
 * the same scheme as our own signed requests (core/request-signature.ts), so the same check and 5-minute
 * tolerance apply. A transfer moves money at once: `transfer.created` confirms it (and settles an item whose
 * answer was lost), `transfer.reversed` (fully reversed) returns it. Older API versions sent
 * `transfer.paid` / `transfer.failed`; they are read the same way.
 */
import { verifySignature, type SignatureCheck } from "../../request-signature";
import { asRecord, asString, type PayoutEventOutcome } from "./event";

export const verifyStripeWebhook = (secret: string, header: string | undefined, raw: string, nowSeconds: number): Promise<SignatureCheck> =>
  verifySignature(secret, header, raw, nowSeconds);

export function readStripeEvent(body: unknown): PayoutEventOutcome {
  const event = asRecord(body);
  const eventId = asString(event.id) ?? "";
  const type = asString(event.type) ?? "";
  if (!eventId.startsWith("evt_")) return { kind: "unmappable", eventId, reason: "no Stripe event id (evt_…)" };
  const transfer = asRecord(asRecord(event.data).object);
  if (!type.startsWith("transfer.")) return { kind: "ignored", eventId, reason: `${type} is not a transfer event` };
  const reference = asString(transfer.id);
  const match = { itemId: asString(asRecord(transfer.metadata).indica_payout_item), reference };
  if (!match.itemId && !reference) return { kind: "unmappable", eventId, reason: `${type} without a transfer id or indica_payout_item metadata` };
  if (type === "transfer.created" || type === "transfer.paid") return { kind: "paid", eventId, match, reference };
  if (type === "transfer.failed") return { kind: "failed", eventId, match, reason: "Stripe: transfer failed" };
  if (type === "transfer.reversed") {
    // A partial reversal leaves money with the affiliate; only a full one means the payout did not happen.
    if (transfer.reversed === true || (typeof transfer.amount_reversed === "number" && transfer.amount_reversed === transfer.amount)) return { kind: "failed", eventId, match, reason: "Stripe: transfer reversed" };
    return { kind: "unmappable", eventId, reason: `partial reversal of ${reference} (${String(transfer.amount_reversed)} of ${String(transfer.amount)}): settle it by hand` };
  }
  return { kind: "ignored", eventId, reason: `${type} does not change a payout` };
}
