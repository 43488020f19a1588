/**
 * Webhook signatures as each platform documents them. Shopify and WooCommerce: base64 HMAC-SHA256 of the
 * raw body; Nuvemshop: hex HMAC-SHA256 of the raw body; Stripe: `t=<unix>,v1=<hex HMAC of "t.body">`, the
 * same scheme as our own signed requests (core/request-signature.ts), with its timestamp tolerance.
 */
import { toHex } from "../ip";
import { constantTimeEqual, verifySignature, type SignatureCheck } from "../request-signature";

async function hmac(secret: string, body: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body)));
}

export const hmacBase64 = async (secret: string, body: string) => btoa(String.fromCharCode(...(await hmac(secret, body))));
export const hmacHex = async (secret: string, body: string) => toHex(await hmac(secret, body));

/** Shopify (X-Shopify-Hmac-Sha256) and WooCommerce (X-WC-Webhook-Signature). */
export async function verifyBase64Hmac(secret: string, header: string | undefined, body: string): Promise<SignatureCheck> {
  if (!header) return "malformed";
  return constantTimeEqual(header.trim(), await hmacBase64(secret, body)) ? "ok" : "mismatch";
}

/** Nuvemshop (x-linkedstore-hmac-sha256). */
export async function verifyHexHmac(secret: string, header: string | undefined, body: string): Promise<SignatureCheck> {
  if (!header) return "malformed";
  return constantTimeEqual(header.trim().toLowerCase(), await hmacHex(secret, body)) ? "ok" : "mismatch";
}

/** Stripe (Stripe-Signature): refused beyond 5 minutes either way, so a captured event cannot be replayed later. */
export function verifyStripe(secret: string, header: string | undefined, body: string, nowSeconds: number): Promise<SignatureCheck> {
  return verifySignature(secret, header, body, nowSeconds);
}
