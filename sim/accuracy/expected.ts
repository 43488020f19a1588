/**
 * The commissions the rules in docs/attribution.md promise, computed here independently of the product's
 * code (exact integer arithmetic, no floats) so the comparison is a check, not a tautology.
 */
import type { MerchantSpec } from "./merchants";

/** `amount × bp / 10,000` rounded half to even. */
export function percentHalfEven(amount: number, bp: number): number {
  const n = BigInt(amount) * BigInt(bp);
  const q = n / 10_000n;
  const twiceRest = (n % 10_000n) * 2n;
  if (twiceRest > 10_000n || (twiceRest === 10_000n && q % 2n === 1n)) return Number(q + 1n);
  return Number(q);
}

/**
 * Weights of each distinct affiliate, in first-touch order, as integer numerators: the model's share of each
 * touch, summed per affiliate (touches of the same affiliate add up).
 */
function weights(spec: MerchantSpec["multiModel"] | { kind: "last_click" }, touches: number[]): Map<number, number> {
  const w = new Map<number, number>();
  const add = (aff: number, x: number) => w.set(aff, (w.get(aff) ?? 0) + x);
  const n = touches.length;
  if (spec.kind === "last_click") add(touches[n - 1], 1);
  else if (spec.kind === "linear") touches.forEach((t) => add(t, 1));
  else if (n === 1) add(touches[0], 1);
  else if (n === 2) (add(touches[0], spec.first), add(touches[1], spec.last));
  else touches.forEach((t, i) => add(t, i === 0 ? spec.first * (n - 2) : i === n - 1 ? spec.last * (n - 2) : 100 - spec.first - spec.last));
  // First-touch order decides ties: Map keeps insertion order, which is touch order.
  return w;
}

/** Largest remainder: floors, then the cents left to the largest remainders, ties to the earlier toucher. */
export function expectedSplit(commission: number, model: MerchantSpec["multiModel"] | { kind: "last_click" }, touches: number[]): Map<number, number> {
  const w = weights(model, touches);
  const total = [...w.values()].reduce((a, b) => a + b, 0);
  const parts = [...w].map(([aff, x], i) => ({ aff, i, floor: Math.floor((commission * x) / total), rest: (commission * x) % total }));
  let left = commission - parts.reduce((s, p) => s + p.floor, 0);
  for (const p of [...parts].sort((a, b) => b.rest - a.rest || a.i - b.i)) if (left-- > 0) p.floor++;
  return new Map(parts.map((p) => [p.aff, p.floor]));
}

/** What each refund takes back of one commission: its fraction, rounded down; the completing one, all that is left. */
export function expectedReversed(commission: number, orderAmount: number, refunds: number[]): number {
  let refunded = 0;
  let reversed = 0;
  for (const r of refunds) {
    refunded += r;
    reversed = refunded >= orderAmount ? commission : reversed + Math.floor((commission * r) / orderAmount);
  }
  return Math.min(reversed, commission);
}
