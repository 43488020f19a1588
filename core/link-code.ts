/** Short codes are the path of an affiliate link: `https://go.loja.com.br/{code}`. (Their zod schema, for the API, is schemas/link-code.ts.) */

export const LINK_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Paths the redirect Worker keeps for itself; a link can never shadow them. */
export const RESERVED_CODES = new Set(["_indica", "favicon.ico", "robots.txt", "health", "api", "v1"]);

export function isLinkCode(value: string): boolean {
  return LINK_CODE_PATTERN.test(value) && !RESERVED_CODES.has(value.toLowerCase());
}

const CODE_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A random code without look-alike characters (0/O, 1/l/I) so people can type it from a screenshot. */
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
