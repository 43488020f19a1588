/** Sending platform webhooks to the ingest Worker, signed the way each platform signs them. */
import { createHmac } from "node:crypto";
import type { SeededProgram } from "../../scripts/lib/seed-program";
import { callApi } from "./api";
import { bodyOf } from "./programs";
import type { TestStack } from "./stack";

export const base64Hmac = (secret: string, body: string) => createHmac("sha256", secret).update(body).digest("base64");
export const hexHmac = (secret: string, body: string) => createHmac("sha256", secret).update(body).digest("hex");
export const stripeSignature = (secret: string, body: string, t = Math.floor(Date.now() / 1000)) => `t=${t},v1=${hexHmac(secret, `${t}.${body}`)}`;

export interface Connection {
  id: string;
  webhookPath: string;
  secret: string;
}

export async function connect(stack: TestStack, p: SeededProgram, platform: string, extra: Record<string, unknown> = {}): Promise<Connection> {
  const secret = platform === "woocommerce" ? undefined : `shh-${platform}-${Date.now()}`;
  const made = await bodyOf(await callApi(stack, "POST", "/v1/integrations", { key: p.apiKey, body: { platform, name: `Loja ${platform}`, secret, ...extra } }), 201);
  return { id: made.id, webhookPath: made.webhookPath, secret: secret ?? made.secret };
}

/** Headers each platform sends with a delivery (its documented names), signed over `body`. */
export function platformHeaders(platform: string, secret: string, body: string, o: { topic: string; deliveryId?: string }): Record<string, string> {
  const id = o.deliveryId ?? crypto.randomUUID();
  if (platform === "shopify") return { "x-shopify-topic": o.topic, "x-shopify-webhook-id": id, "x-shopify-shop-domain": "loja.myshopify.com", "x-shopify-hmac-sha256": base64Hmac(secret, body) };
  if (platform === "woocommerce") return { "x-wc-webhook-topic": o.topic, "x-wc-webhook-delivery-id": id, "x-wc-webhook-resource": "order", "x-wc-webhook-signature": base64Hmac(secret, body) };
  if (platform === "nuvemshop") return { "x-linkedstore-hmac-sha256": hexHmac(secret, body) };
  return { "stripe-signature": stripeSignature(secret, body) };
}

export function sendWebhook(stack: TestStack, c: Connection, body: string, headers: Record<string, string>) {
  return stack.fetch("indica-ingest", `https://ingest.indica.test${c.webhookPath}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
}

export async function deliver(stack: TestStack, c: Connection, platform: string, payload: unknown, o: { topic: string; deliveryId?: string }) {
  const body = JSON.stringify(payload);
  return sendWebhook(stack, c, body, platformHeaders(platform, c.secret, body, o));
}
