/**
 * Stripe Connect transfers: `POST /v1/transfers` (form-encoded amount, currency, destination) with
 * `Idempotency-Key`; Stripe answers a repeated key with the transfer it already made. A transfer moves
 * money to the connected account at once, so a 200 is paid.
 */
import type { PayoutProvider } from "./provider";
import { providerCall } from "./provider";

export function stripeConnectProvider(config: { baseUrl: string; secretKey: string }): PayoutProvider {
  return {
    name: "stripe_connect",
    kind: "stripe_connect",
    async pay(i) {
      if (i.details.kind !== "stripe_connect") return { status: "failed", error: "not a Stripe account", retryable: false };
      const form = new URLSearchParams({
        amount: String(i.amount),
        currency: i.currency.toLowerCase(),
        destination: i.details.accountId,
        description: i.description,
        "metadata[indica_payout_item]": i.itemId,
        "metadata[indica_affiliate]": i.affiliateId,
      });
      return providerCall(
        () => fetch(`${config.baseUrl}/v1/transfers`, { method: "POST", headers: { authorization: `Bearer ${config.secretKey}`, "content-type": "application/x-www-form-urlencoded", "idempotency-key": i.idempotencyKey }, body: form.toString() }),
        (b) => (typeof b.id === "string" ? { status: "paid", reference: b.id } : { status: "failed", error: "no transfer id in the answer", retryable: true }),
      );
    },
  };
}
