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

/** SHA-256 of `message`, continuing from `state` after `prefixBytes` bytes already compressed. */
function finish(state: Uint32Array, prefixBytes: number, message: Uint8Array, w: Uint32Array): Uint8Array {
  const s = state.slice();
  const padded = new Uint8Array(Math.ceil((message.length + 9) / BLOCK) * BLOCK);
  padded.set(message);
  padded[message.length] = 0x80;
  const bits = (prefixBytes + message.length) * 8;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(padded.length - 4, bits >>> 0);
  for (let off = 0; off < padded.length; off += BLOCK) compress(s, padded, off, w);
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) outView.setUint32(i * 4, s[i]);
  return out;
}

function digest(message: Uint8Array, w: Uint32Array): Uint8Array {
  return finish(INITIAL, 0, message, w);
}

export interface HmacKey {
  inner: Uint32Array;
  outer: Uint32Array;
}

const encoder = new TextEncoder();

export function hmacKey(secret: string | Uint8Array): HmacKey {
  const w = new Uint32Array(64);
  let key = typeof secret === "string" ? encoder.encode(secret) : secret;
  if (key.length > BLOCK) key = digest(key, w);
  const pad = (byte: number) => {
    const block = new Uint8Array(BLOCK).fill(byte);
    for (let i = 0; i < key.length; i++) block[i] ^= key[i];
    const state = INITIAL.slice();
    compress(state, block, 0, w);
    return state;
  };
  return { inner: pad(0x36), outer: pad(0x5c) };
}

const scratch = new Uint32Array(64);

export function hmacSha256(key: HmacKey, message: string | Uint8Array): Uint8Array {
  const bytes = typeof message === "string" ? encoder.encode(message) : message;
  return finish(key.outer, BLOCK, finish(key.inner, BLOCK, bytes, scratch), scratch);
}

export function sha256(message: string | Uint8Array): Uint8Array {
  return digest(typeof message === "string" ? encoder.encode(message) : message, scratch);
}
