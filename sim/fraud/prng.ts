/** A small seeded PRNG (mulberry32) and the draws the traffic generator needs: same seed, same traffic. */
export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** An integer in [min, max]. */
export const int = (r: Rng, min: number, max: number) => min + Math.floor(r() * (max - min + 1));
export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
export const chance = (r: Rng, p: number) => r() < p;
/** Spread over orders of magnitude (minutes to days), as waiting times are. */
export const logUniform = (r: Rng, min: number, max: number) => Math.round(Math.exp(Math.log(min) + r() * (Math.log(max) - Math.log(min))));

/** One key of `weights`, drawn in proportion to its weight. */
export function weighted<K extends string>(r: Rng, weights: Record<K, number>): K {
  const entries = Object.entries(weights) as [K, number][];
  let x = r() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [k, w] of entries) if ((x -= w) < 0) return k;
  return entries[entries.length - 1][0];
}

/** Splits `total` over `shares` by largest remainder, every share at least `min` when total allows. */
export function apportion<K extends string>(total: number, shares: Record<K, number>, min = 1): Record<K, number> {
  const keys = Object.keys(shares) as K[];
  const sum = keys.reduce((s, k) => s + shares[k], 0);
  const out = Object.fromEntries(keys.map((k) => [k, Math.max(min, Math.floor((total * shares[k]) / sum))])) as Record<K, number>;
  const byRemainder = [...keys].sort((a, b) => ((total * shares[b]) / sum) % 1 - ((total * shares[a]) / sum) % 1);
  for (let i = 0; keys.reduce((s, k) => s + out[k], 0) < total; i++) out[byRemainder[i % keys.length]]++;
  return out;
}
