/**
 * Proof that a merchant controls a hostname. DNS TXT lookups are not available to a Worker without a
 * resolver service, so ownership is proven over HTTP instead: the merchant serves a file at
 * `/.well-known/indica-verification.txt` on the hostname that contains the account's token. The token is
 * derived from the tenant id with a server secret, so it needs no storage and cannot be guessed by others.
 */
export const VERIFICATION_PATH = "/.well-known/indica-verification.txt";

export async function verificationToken(secret: string, tenantId: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`domain-verification:${tenantId}`)));
  return `indica-verification=${[...mac.slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** Whether the served file proves ownership: the token on a line of its own (editors add newlines). */
export const fileProvesOwnership = (body: string, token: string): boolean => body.split(/\r?\n/).some((line) => line.trim() === token);
