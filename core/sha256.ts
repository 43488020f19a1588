/**
 * SHA-256 and HMAC-SHA-256 in plain synchronous code, for the two hashes on the redirect's hot path: the
 * network of every click (core/ip.ts) and the user agent digest in cookie-less visitor keys.
 *
 * Why not WebCrypto: clicks come from ever new networks, so the per-isolate memo rarely helps, and each
 * `crypto.subtle.sign` is an async call across the runtime boundary with its encoder, promise and buffer;
 * profiled under load it was a tenth of the redirect's CPU. Here the key's inner and outer states are
 * computed once per key (the daily salt), and a short message costs two compressions of plain integer
 * arithmetic. The output is the standard HMAC-SHA-256 (tested against node:crypto), so hashes stored
 * before and after this change agree. Not for secrets that need constant time: it hashes public inputs.
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const INITIAL = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
const BLOCK = 64;

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** One SHA-256 compression of the 64-byte block at `bytes[offset..]` into `state`. */
function compress(state: Uint32Array, bytes: Uint8Array, offset: number, w: Uint32Array): void {
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4;
    w[i] = (bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3];
  }
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15];
    const b = w[i - 2];
    const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
    const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
    w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
  }
  // Locals, not destructuring: a typed array's iterator would run on every compression.
  let a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
  for (let i = 0; i < 64; i++) {
    const t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
    const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] += a;
  state[1] += b;
  state[2] += c;
  state[3] += d;
  state[4] += e;
  state[5] += f;
  state[6] += g;
  state[7] += h;
}

// Reused across calls (an isolate runs one call at a time, and none of these yield): hashing a click
// allocates nothing but its hex string. Typed arrays over 64 bytes get native backing stores, and a few of
// those per click added to the garbage collector's work on the redirect.
const W = new Uint32Array(64);
const STATE = new Uint32Array(8);
const SHORT = new Uint8Array(4 * BLOCK);
const encoder = new TextEncoder();

/** Hashes `message` (bytes, or a string written as UTF-8) into STATE, continuing from `from` after
 * `prefixBytes` bytes already compressed. */
function hashInto(from: Uint32Array, prefixBytes: number, message: string | Uint8Array): void {
  STATE.set(from);
  // A UTF-8 string takes at most 3 bytes per UTF-16 unit; longer inputs than fit the scratch get a buffer.
  const most = typeof message === "string" ? message.length * 3 : message.length;
  const blocks = Math.ceil((most + 9) / BLOCK);
  const buf = blocks * BLOCK <= SHORT.length ? SHORT : new Uint8Array(blocks * BLOCK);
  let length: number;
  if (typeof message === "string") length = encoder.encodeInto(message, buf).written;
  else {
    buf.set(message);
    length = message.length;
  }
  const padded = Math.ceil((length + 9) / BLOCK) * BLOCK;
  buf.fill(0, length, padded);
  buf[length] = 0x80;
  const bits = (prefixBytes + length) * 8;
  const high = Math.floor(bits / 2 ** 32);
  const low = bits >>> 0;
  for (let i = 0; i < 4; i++) {
    buf[padded - 8 + i] = (high >>> (24 - 8 * i)) & 0xff;
    buf[padded - 4 + i] = (low >>> (24 - 8 * i)) & 0xff;
  }
  for (let off = 0; off < padded; off += BLOCK) compress(STATE, buf, off, W);
}

/** STATE's digest as bytes into `out` (32 bytes from `offset`). */
function stateBytes(out: Uint8Array, offset = 0): Uint8Array {
  for (let i = 0; i < 8; i++) {
    const word = STATE[i];
    out[offset + i * 4] = word >>> 24;
    out[offset + i * 4 + 1] = (word >>> 16) & 0xff;
    out[offset + i * 4 + 2] = (word >>> 8) & 0xff;
    out[offset + i * 4 + 3] = word & 0xff;
  }
  return out;
}

const HEX_DIGITS = "0123456789abcdef";

/** The first `chars` hex characters of STATE's digest. */
function stateHex(chars: number): string {
  let out = "";
  for (let i = 0; i < chars; i++) out += HEX_DIGITS[(STATE[i >>> 3] >>> (28 - 4 * (i & 7))) & 0xf];
  return out;
}

export interface HmacKey {
  inner: Uint32Array;
  outer: Uint32Array;
}

export function hmacKey(secret: string | Uint8Array): HmacKey {
  let key = typeof secret === "string" ? encoder.encode(secret) : secret;
  if (key.length > BLOCK) key = sha256(key);
  const pad = (byte: number) => {
    const block = new Uint8Array(BLOCK).fill(byte);
    for (let i = 0; i < key.length; i++) block[i] ^= key[i];
    const state = INITIAL.slice();
    compress(state, block, 0, W);
    return state;
  };
  return { inner: pad(0x36), outer: pad(0x5c) };
}

const INNER_DIGEST = new Uint8Array(32);

function hmacInto(key: HmacKey, message: string | Uint8Array): void {
  hashInto(key.inner, BLOCK, message);
  hashInto(key.outer, BLOCK, stateBytes(INNER_DIGEST));
}

export function hmacSha256(key: HmacKey, message: string | Uint8Array): Uint8Array {
  hmacInto(key, message);
  return stateBytes(new Uint8Array(32));
}

/** The first `chars` (at most 64) hex characters of the HMAC, without allocating byte arrays. */
export function hmacSha256HexSync(key: HmacKey, message: string | Uint8Array, chars = 64): string {
  hmacInto(key, message);
  return stateHex(Math.min(chars, 64));
}

export function sha256(message: string | Uint8Array): Uint8Array {
  hashInto(INITIAL, 0, message);
  return stateBytes(new Uint8Array(32));
}

export function sha256HexSync(message: string | Uint8Array, chars = 64): string {
  hashInto(INITIAL, 0, message);
  return stateHex(Math.min(chars, 64));
}
