/**
 * The payout providers' own webhooks: Stripe Connect transfer events, PayPal PAYMENT.PAYOUTS-ITEM.*, Efí
 * PIX callbacks. They live in the API Worker, not with the platform receivers in the ingest Worker, because
 * the provider credentials are API Worker secrets (PayPal's verify call needs them) and the settlement is
 * the API's reconcile code. No API key: each provider authenticates itself (signature, PayPal's verify API,
 * the secret in Efí's URL). The body is not declared to the validator: it is read raw, because Stripe signs the
 * exact bytes and a body that does not parse must still be recorded.
 */
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { PayoutEventOutcome, ProviderName } from "../../../../../../core/payouts/webhooks/event";
import { readPaypalEvent, verifyPaypalWebhook } from "../../../../../../core/payouts/webhooks/paypal";
import { readEfiCallback, verifyEfiSecret } from "../../../../../../core/payouts/webhooks/pix-efi";
import { readStripeEvent, verifyStripeWebhook } from "../../../../../../core/payouts/webhooks/stripe";
import { recordFailedWebhook } from "../../../../../../db/queries/payout-provider-events";
import type { ApiHonoEnv } from "../../../env";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Ctx = Context<ApiHonoEnv, any, any>;
import { problemSchema } from "../../../lib/openapi-common";
import { problemFor } from "../../../lib/problem";

const problemContent = { "application/problem+json": { schema: problemSchema } };
import { applyPayoutEvent } from "../../../services/receive-payout-webhook";

const resultSchema = z.object({
  events: z.array(z.object({ eventId: z.string(), result: z.enum(["applied", "unchanged", "duplicate", "ignored", "parked"]), itemId: z.string().optional(), reason: z.string().optional() })),
}).openapi("PayoutWebhookResult");
const responses = {
  200: { description: "Received: each event applied, unchanged, a duplicate, ignored or parked in failed_events", content: { "application/json": { schema: resultSchema } } },
  401: { description: "Not verified: refused and recorded in failed_events", content: problemContent },
  404: { description: "This provider's webhook is not configured on this deployment", content: problemContent },
  503: { description: "The provider's verification could not be reached; the provider retries", content: problemContent },
  default: { description: "Any other error, as a problem", content: problemContent },
};
const tags = ["Payout webhooks"];

const stripeRoute = createRoute({ method: "post", path: "/v1/payout-webhooks/stripe", tags, summary: "Stripe Connect transfer events (Stripe-Signature, STRIPE_WEBHOOK_SECRET)", responses });
const paypalRoute = createRoute({ method: "post", path: "/v1/payout-webhooks/paypal", tags, summary: "PayPal PAYMENT.PAYOUTS-ITEM.* events, verified with PayPal's verify-webhook-signature (PAYPAL_WEBHOOK_ID)", responses });
const pixRoute = createRoute({ method: "post", path: "/v1/payout-webhooks/pix/{secret}", tags, summary: "Efí PIX callbacks; the secret in the path (PIX_EFI_WEBHOOK_SECRET) stands in for Efí's mTLS", request: { params: z.object({ secret: z.string() }) }, responses });

const parse = (raw: string): unknown => {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
};

export function registerPayoutWebhooks(app: OpenAPIHono<ApiHonoEnv>): void {
  const receive = async (c: Ctx, provider: ProviderName, verify: (raw: string, json: unknown) => Promise<string | "ok" | "unavailable">, read: (json: unknown) => PayoutEventOutcome[]) => {
    const db = c.get("database").db;
    const raw = await c.req.text();
    const json = parse(raw);
    const check = await verify(raw, json);
    if (check === "unavailable") return problemFor(c, "unavailable", { detail: "The provider's verification did not answer; retry later." });
    if (check !== "ok") {
      await recordFailedWebhook(db, { provider, type: "payout_webhook_rejected", reason: `rejected, not processed: ${check}`, body: json ?? raw.slice(0, 64 * 1024) });
      return problemFor(c, "unauthorized", { detail: `The webhook was refused and recorded: ${check}.` });
    }
    if (json === null) {
      await recordFailedWebhook(db, { provider, type: "payout_webhook", reason: "the body is not JSON", body: raw.slice(0, 64 * 1024) });
      return c.json({ events: [] }, 200);
    }
    const events = [];
    for (const outcome of read(json)) events.push(await applyPayoutEvent(db, provider, outcome, json));
    return c.json({ events }, 200);
  };

  app.openapi(stripeRoute, async (c) => {
    const secret = c.env.STRIPE_WEBHOOK_SECRET;
    if (!secret) return problemFor(c, "not_found", { detail: "Stripe payout webhooks are not configured (STRIPE_WEBHOOK_SECRET)." });
    const reasons = { malformed: "Stripe-Signature missing or malformed", expired: "signature timestamp outside the 5-minute tolerance (a replay?)", mismatch: "signature does not match the body (tampered, or the wrong secret)", ok: "ok" } as const;
    return receive(c, "stripe_connect", async (raw) => reasons[await verifyStripeWebhook(secret, c.req.header("stripe-signature"), raw, Math.floor(Date.now() / 1000))], (json) => [readStripeEvent(json)]) as never;
  });

  app.openapi(paypalRoute, async (c) => {
    const { PAYPAL_WEBHOOK_ID: webhookId, PAYPAL_CLIENT_ID: clientId, PAYPAL_CLIENT_SECRET: clientSecret } = c.env;
    if (!webhookId || !clientId || !clientSecret) return problemFor(c, "not_found", { detail: "PayPal payout webhooks are not configured (PAYPAL_WEBHOOK_ID)." });
    const config = { baseUrl: c.env.PAYPAL_API_BASE || "https://api-m.paypal.com", clientId, clientSecret, webhookId };
    const reasons = { malformed: "PayPal transmission headers missing, or the body is not JSON", mismatch: "PayPal's verify-webhook-signature answered FAILURE (tampered, or not our webhook)", ok: "ok", unavailable: "unavailable" } as const;
    return receive(c, "paypal", async (_raw, json) => reasons[await verifyPaypalWebhook(config, (n) => c.req.header(n), json)], (json) => [readPaypalEvent(json)]) as never;
  });

  const pix = async (c: Ctx, given: string) => {
    const secret = c.env.PIX_EFI_WEBHOOK_SECRET;
    if (!secret) return problemFor(c, "not_found", { detail: "PIX payout webhooks are not configured (PIX_EFI_WEBHOOK_SECRET)." });
    return receive(c, "pix", async () => (verifyEfiSecret(secret, given) ? "ok" : "the secret in the URL does not match (a guessed or stale URL)"), readEfiCallback);
  };
  app.openapi(pixRoute, (c) => pix(c, c.req.valid("param").secret) as never);
  // Efí appends "/pix" to the registered URL unless it was registered with `?ignorar=`.
  app.post("/v1/payout-webhooks/pix/:secret/pix", (c) => pix(c, c.req.param("secret")));
}
