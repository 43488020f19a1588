/**
 * Identities are hashed in the browser so the raw email or customer id never leaves the page.
 * The normalisation must match the server's (trim + lower-case for emails) or the hashes will not join.
 */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  let hex = "";
  for (const b of new Uint8Array(digest)) hex += (b | 256).toString(16).slice(1); // | 256 keeps the leading zero
  return hex;
}

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export type IdentityInput = { email?: unknown; customerId?: unknown };
export type Identity = { emailHash?: string; customerIdHash?: string };

/** Hashes whichever identifiers were given; null when there is nothing usable to hash. */
export async function hashIdentity(input: IdentityInput): Promise<Identity | null> {
  const out: Identity = {};
  let email = typeof input.email == "string" ? normalizeEmail(input.email) : "";
  // Without an "@" this is a template placeholder or a bug on the page, not an address worth joining on.
  if (!email.includes("@")) email = "";
  // Customer ids are case-sensitive in most shops, so only surrounding whitespace is removed.
  const customerId = input.customerId == null ? "" : String(input.customerId).trim();
  if (email) out.emailHash = await sha256Hex(email);
  if (customerId) out.customerIdHash = await sha256Hex(customerId);
  return email || customerId ? out : null;
}
