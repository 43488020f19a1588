/** Short codes are the path of an affiliate link: `https://go.loja.com.br/{code}`. (Their zod schema, for the API, is schemas/link-code.ts.) */

export const LINK_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Paths the redirect Worker keeps for itself; a link can never shadow them. */
export const RESERVED_CODES = new Set(["_indica", "favicon.ico", "robots.txt", "health", "api", "v1"]);

/**
 * The form a code is matched by: shoppers retype codes from bios, podcasts and flyers in any case, so
 * `/Ana-Verao` is the link `ana-verao`. The code is stored and shown as it was typed; every cache key
 * (core/link-record.ts) and database lookup goes through this. Codes are ASCII (LINK_CODE_PATTERN), where
 * this is what Postgres's lower() does, the expression of the unique index links_domain_code_key.
 */
export function normalizeLinkCode(code: string): string {
  return code.toLowerCase();
}

export function isLinkCode(value: string): boolean {
  return LINK_CODE_PATTERN.test(value) && !RESERVED_CODES.has(normalizeLinkCode(value));
}

/**
 * Lower case only: codes match whatever their case, so a mixed-case alphabet would add no distinct codes
 * (`aB3` and `Ab3` are one link), only unevenly likely ones. No look-alikes (0, 1, l) so people can type a
 * code from a screenshot. 33^7 ≈ 4·10^10 codes; a clash with an existing one is redrawn (services/links.ts).
 */
const CODE_ALPHABET = "abcdefghijkmnopqrstuvwxyz23456789";

/** A random code, every character equally likely. */
export function randomLinkCode(length = 7): string {
  // 256 is not a multiple of the alphabet size, so bytes at or above the largest multiple are redrawn
  // to keep every character equally likely.
  const limit = 256 - (256 % CODE_ALPHABET.length);
  let out = "";
  while (out.length < length) {
    for (const b of crypto.getRandomValues(new Uint8Array(length))) {
      if (b < limit && out.length < length) out += CODE_ALPHABET[b % CODE_ALPHABET.length];
    }
  }
  return out;
}
