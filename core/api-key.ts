/**
 * API keys: `ik_` + 40 random base62 characters (~238 bits). Only the SHA-256 of a key is stored; the
 * key itself is shown once, at creation. A fast hash is right here (unlike passwords): the input is
 * random and long, so there is nothing to brute-force.
 */
import { sha256Hex } from "./ip";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export const API_KEY_PATTERN = /^ik_[0-9A-Za-z]{40}$/;

export function generateApiKey(): string {
  const limit = 256 - (256 % BASE62.length);
  let body = "";
  while (body.length < 40) {
    for (const b of crypto.getRandomValues(new Uint8Array(48))) {
      if (b < limit && body.length < 40) body += BASE62[b % BASE62.length];
    }
  }
  return `ik_${body}`;
}

export const hashApiKey = (key: string): Promise<string> => sha256Hex(key);

/** What listings show so people can tell keys apart without revealing them. */
export const apiKeyPrefix = (key: string): string => key.slice(0, 10);
