/**
 * PayPal Payouts: an OAuth2 token (`POST /v1/oauth2/token`, client credentials), then
 * `POST /v1/payments/payouts` with one item per affiliate. `sender_batch_id` is the idempotency key
 * (PayPal refuses a batch id it has seen in the last 30 days) and `PayPal-Request-Id` makes a retried call
 * return the first answer. PayPal answers PENDING; the PAYMENT.PAYOUTS-ITEM.* webhook settles the item.
 */
import { minorToDecimal, providerCall, type PayoutProvider } from "./provider";

export function paypalProvider(config: { baseUrl: string; clientId: string; clientSecret: string }): PayoutProvider {
  async function token(): Promise<string | null> {
    try {
      const res = await fetch(`${config.baseUrl}/v1/oauth2/token`, {
        method: "POST",
        headers: { authorization: `Basic ${btoa(`${config.clientId}:${config.clientSecret}`)}`, "content-type": "application/x-www-form-urlencoded" },
        body: "grant_type=client_credentials",
      });
      const body = (await res.json()) as { access_token?: string };
      return res.ok && body.access_token ? body.access_token : null;
    } catch {
      return null;
    }
  }
  return {
    name: "paypal",
    kind: "paypal",
    async pay(i) {
      if (i.details.kind !== "paypal") return { status: "failed", error: "not a PayPal email", retryable: false };
      const bearer = await token();
      if (!bearer) return { status: "failed", error: "PayPal refused the client credentials", retryable: true };
      const body = {
        sender_batch_header: { sender_batch_id: i.idempotencyKey, email_subject: "Você recebeu um pagamento", recipient_type: "EMAIL" },
        items: [{ recipient_type: "EMAIL", amount: { value: minorToDecimal(i.amount, i.currency), currency: i.currency }, receiver: i.details.email, note: i.description, sender_item_id: i.itemId }],
      };
      return providerCall(
        () => fetch(`${config.baseUrl}/v1/payments/payouts`, { method: "POST", headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json", "paypal-request-id": i.idempotencyKey }, body: JSON.stringify(body) }),
        (b) => {
          const header = (b.batch_header ?? {}) as { payout_batch_id?: string; batch_status?: string };
          return header.payout_batch_id ? { status: header.batch_status === "SUCCESS" ? "paid" : "processing", reference: header.payout_batch_id } : { status: "failed", error: "no payout_batch_id", retryable: true };
        },
      );
    },
  };
}
