/**
 * Prefixed, time-ordered identifiers: `clk_01JB...`.
 *
 * The body is a ULID-style Crockford base32 string: 48 bits of milliseconds followed by 80 random bits.
 * Time order keeps B-tree inserts append-mostly and lets a click id carry its own timestamp, which the
 * clicks table uses as its partition key (so `(id, clicked_at)` is unique whenever `id` is).
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const TIME_CHARS = 10;
const RANDOM_CHARS = 16;

export const ID_PREFIXES = {
  tenant: "tnt",
  domain: "dom",
  user: "usr",
  apiKey: "key",
  campaign: "cmp",
  affiliate: "aff",
  link: "lnk",
  click: "clk",
  visitor: "vis",
  failedEvent: "fev",
  request: "req",
  event: "evt",
  conversion: "cnv",
  refund: "ref",
  coupon: "cpn",
  signingSecret: "sgs",
  alert: "alr",
  commission: "com",
  ledgerEntry: "led",
  decision: "dec",
  session: "ses",
  webhook: "whk",
  webhookDelivery: "whd",
  payout: "pay",
  invite: "inv",
  integration: "int",
  payoutMethod: "pym",
  payoutItem: "pyi",
  consent: "cns",
} as const;

export type IdKind = keyof typeof ID_PREFIXES;
export type IdPrefix = (typeof ID_PREFIXES)[IdKind];

function encodeTime(ms: number): string {
  let out = "";
  let rest = ms;
  for (let i = 0; i < TIME_CHARS; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

/**
 * Random bytes are drawn a block at a time: one `getRandomValues` call per id cost more than all the rest
 * of `newId` when a batch makes hundreds of ids. Each byte is still used once. Filled on first use, never
 * at module load (Workers allow no random values in global scope).
 */
const RANDOM_BLOCK = 4096;
let randomBlock = new Uint8Array(0);
let randomOffset = 0;

function encodeRandom(): string {
  if (randomOffset + RANDOM_CHARS > randomBlock.length) {
    randomBlock = crypto.getRandomValues(new Uint8Array(RANDOM_BLOCK));
    randomOffset = 0;
  }
  let out = "";
  for (let i = randomOffset; i < randomOffset + RANDOM_CHARS; i++) out += ALPHABET[randomBlock[i] & 31];
  randomOffset += RANDOM_CHARS;
  return out;
}

export function newId(kind: IdKind, now: number = Date.now()): string {
  return `${ID_PREFIXES[kind]}_${encodeTime(now)}${encodeRandom()}`;
}

const ID_PATTERN = /^([a-z]{3})_([0-9A-HJKMNP-TV-Z]{26})$/;

export function isId(kind: IdKind, value: unknown): value is string {
  if (typeof value !== "string") return false;
  const m = ID_PATTERN.exec(value);
  return m !== null && m[1] === ID_PREFIXES[kind];
}

/** Milliseconds since the epoch encoded in an id, or null when the string is not one of our ids. */
export function timestampOfId(id: string): number | null {
  const m = ID_PATTERN.exec(id);
  if (!m) return null;
  let ms = 0;
  for (const ch of m[2].slice(0, TIME_CHARS)) ms = ms * 32 + ALPHABET.indexOf(ch);
  return ms;
}
