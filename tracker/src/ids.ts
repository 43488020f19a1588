/**
 * Event ids made in the browser, in the same format as core/ids.ts (`evt_` + 10 time chars + 16 random
 * chars), so a retried batch carries the same ids and the server can drop the duplicates.
 * Copied rather than imported: core/ids.ts is tiny, and importing core would risk pulling server code
 * into a script every shopper downloads.
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function newEventId(now: number, random = (n: number) => crypto.getRandomValues(new Uint8Array(n))): string {
  let time = "";
  for (let i = 0, rest = now; i < 10; i++, rest = Math.floor(rest / 32)) time = ALPHABET[rest % 32] + time;
  let tail = "";
  for (const b of random(16)) tail += ALPHABET[b & 31];
  return "evt_" + time + tail;
}

/** A value that could be a click id; anything else on the URL is ignored, since the server would refuse the batch. */
export const isClickId = (v: unknown): v is string => typeof v == "string" && /^clk_[0-9A-HJKMNP-TV-Z]{26}$/.test(v);
