/**
 * Splitting an integer amount of minor units by weights without losing or inventing a cent: each part gets
 * the floor of its exact share, then the cents left over go one by one to the largest remainders (ties to
 * the earlier part, so the result is deterministic). The parts always sum exactly to the total.
 */
export function splitByWeights(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError("total must be a non-negative safe integer");
  const sum = weights.reduce((a, w) => a + Math.max(0, w), 0);
  if (weights.length === 0) return [];
  if (sum <= 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const exact = weights.map((w) => (Math.max(0, w) / sum) * total);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, rest: e - Math.floor(e) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k].i]++;
  return parts;
}

/**
 * `amount × basisPoints / 10,000` in integers, rounded half to even (banker's rounding), so a ledger of
 * many small commissions carries no upward drift. 1 bp = 0.01%.
 */
export function applyBasisPoints(amount: number, basisPoints: number): number {
  const numerator = BigInt(amount) * BigInt(basisPoints);
  const q = numerator / 10_000n;
  const r = numerator % 10_000n;
  const twice = 2n * (r < 0n ? -r : r);
  if (twice < 10_000n) return Number(q);
  if (twice > 10_000n) return Number(q + (numerator < 0n ? -1n : 1n));
  return Number(q % 2n === 0n ? q : q + (numerator < 0n ? -1n : 1n));
}
