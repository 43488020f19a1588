/**
 * Signed server-to-server requests: `Indica-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`
 * with `Indica-Key-Id: sgs_...`. The timestamp is signed too, so a captured request cannot be replayed
 * after the tolerance; inside it, conversions are idempotent by order id anyway.
 */
import { toHex } from "./ip";

export const SIGNATURE_TOLERANCE_SECONDS = 300;

export async function signPayload(secret: string, timestamp: number, body: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return toHex(new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${timestamp}.${body}`))));
}

export function parseSignatureHeader(header: string | null | undefined): { timestamp: number; signatures: string[] } | null {
  if (!header) return null;
  let timestamp = NaN;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const [k, v] = part.trim().split("=", 2);
    if (k === "t") timestamp = Number(v);
    else if (k === "v1" && v && /^[0-9a-f]{64}$/.test(v)) signatures.push(v);
  }
  return Number.isInteger(timestamp) && signatures.length > 0 ? { timestamp, signatures } : null;
}

export type SignatureCheck = "ok" | "malformed" | "expired" | "mismatch";

export async function verifySignature(secret: string, header: string | null | undefined, body: string, nowSeconds: number): Promise<SignatureCheck> {
  const parsed = parseSignatureHeader(header);
  if (!parsed) return "malformed";
  if (Math.abs(nowSeconds - parsed.timestamp) > SIGNATURE_TOLERANCE_SECONDS) return "expired";
  const expected = await signPayload(secret, parsed.timestamp, body);
  return parsed.signatures.some((s) => constantTimeEqual(s, expected)) ? "ok" : "mismatch";
}

/** Compares two signatures without an early exit, so timing does not reveal how many characters matched. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
