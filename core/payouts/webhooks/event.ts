/**
 * A payout provider's webhook, read: which event it is (what a replay repeats), which payout item it names
 * (by the id or key our adapter sent, or the provider's reference it answered) and what happened to it.
 */
export type ProviderName = "stripe_connect" | "paypal" | "pix";

export interface ItemMatch {
  /** Our payout item id, when the adapter sent it (Stripe metadata, PayPal sender_item_id). */
  itemId?: string;
  /** The provider's id of the payment (tr_…, payout_batch_id, PIX end-to-end id). */
  reference?: string;
  /** Efí's idEnvio: the item's idempotency key with only letters and digits. */
  sendId?: string;
}

export type PayoutEventOutcome =
  | { kind: "paid"; eventId: string; match: ItemMatch; reference?: string }
  | { kind: "failed"; eventId: string; match: ItemMatch; reason: string }
  /** A verified event that says nothing about an outcome (another event type, a still-pending status). */
  | { kind: "ignored"; eventId: string; reason: string }
  | { kind: "unmappable"; eventId: string; reason: string };

export const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
export const asString = (v: unknown): string | undefined => (typeof v === "string" && v.length > 0 ? v.slice(0, 200) : undefined);
