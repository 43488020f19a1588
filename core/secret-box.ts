/**
 * Secrets at rest (signing secrets, later payout details): AES-256-GCM with a key held as a Worker
 * secret, never in the database. Stored as base64(iv || ciphertext).
 */
const IV_BYTES = 12;
const keys = new Map<string, Promise<CryptoKey>>();

function aesKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    // Any length of secret: SHA-256 turns it into exactly 256 bits of key material.
    key = crypto.subtle
      .digest("SHA-256", new TextEncoder().encode(secret))
      .then((raw) => crypto.subtle.importKey("raw", raw, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]));
    keys.set(secret, key);
  }
  return key;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export async function seal(plaintext: string, secret: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await aesKey(secret), new TextEncoder().encode(plaintext)));
  const out = new Uint8Array(IV_BYTES + ct.length);
  out.set(iv);
  out.set(ct, IV_BYTES);
  return toBase64(out);
}

/** Throws when the box was not sealed with this secret or was altered. */
export async function open(box: string, secret: string): Promise<string> {
  const bytes = fromBase64(box);
  const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: bytes.slice(0, IV_BYTES) }, await aesKey(secret), bytes.slice(IV_BYTES));
  return new TextDecoder().decode(plain);
}
