/**
 * Signing webhook deliveries, and verifying them on the receiving side. The scheme is the one of our
 * server-to-server requests (core/request-signature.ts): `Indica-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256(secret, "<t>.<raw body>")>`. Signing the timestamp lets receivers refuse replays older than
 * their tolerance; several `v1=` values may appear (any one matching is enough).
 */
import { constantTimeEqual, parseSignatureHeader, signPayload, type SignatureCheck } from "./request-signature";

export const WEBHOOK_SECRET_PREFIX = "whsec_";
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

/** A new endpoint secret: `whsec_` and 32 random bytes in hex. Shown to the merchant once. */
export function generateWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return WEBHOOK_SECRET_PREFIX + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The `Indica-Signature` header value for `body` sent at `timestamp` (unix seconds). */
export async function webhookSignatureHeader(secret: string, body: string, timestamp: number): Promise<string> {
  return `t=${timestamp},v1=${await signPayload(secret, timestamp, body)}`;
}

/**
 * For receivers: checks the raw body (exactly the bytes received, before any JSON parsing) against the
 * header. "ok" only when a signature matches and the timestamp is within `toleranceSeconds` of now.
 */
export async function verifyWebhookSignature(
  body: string,
  header: string | null | undefined,
  secret: string,
  toleranceSeconds = DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<SignatureCheck> {
  const parsed = parseSignatureHeader(header);
  if (!parsed) return "malformed";
  if (Math.abs(nowSeconds - parsed.timestamp) > toleranceSeconds) return "expired";
  const expected = await signPayload(secret, parsed.timestamp, body);
  return parsed.signatures.some((s) => constantTimeEqual(s, expected)) ? "ok" : "mismatch";
}
