/**
 * Secrets for signed server-to-server requests (core/request-signature.ts): `sgsec_` + 32 random bytes in
 * hex. The whole string, prefix included, is the HMAC key. The prefix only tells people which kind of
 * secret they are holding (webhook secrets are `whsec_`), e.g. when one turns up in a log.
 */
import { toHex } from "./ip";

export const SIGNING_SECRET_PREFIX = "sgsec_";
export const SIGNING_SECRET_PATTERN = /^sgsec_[0-9a-f]{64}$/;

export function generateSigningSecret(): string {
  return SIGNING_SECRET_PREFIX + toHex(crypto.getRandomValues(new Uint8Array(32)));
}
