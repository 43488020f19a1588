/** Touches at the same moment of different affiliates: the `ties` conflict rule (conflict-rules.ts). */
import type { Touch } from "./models";

/**
 * `ties: split`: touches at the same moment cannot be told apart, so the affiliates among them share the
 * moment's weight equally (each affiliate's part spread over its own touches there). Returns the weights
 * and how many affiliates the largest tie that changed anything involved (0 when none did).
 */
export function splitTies(touches: readonly Touch[], weights: readonly number[]): { weights: number[]; tied: number } {
  const out = [...weights];
  let tied = 0;
  for (let i = 0; i < touches.length; ) {
    let j = i;
    while (j + 1 < touches.length && touches[j + 1].at === touches[i].at) j++;
    // A moment of one touch is no tie (nearly every moment): no map for it.
    if (j === i) {
      i++;
      continue;
    }
    const count = new Map<string, number>();
    for (let k = i; k <= j; k++) count.set(touches[k].affiliateId, (count.get(touches[k].affiliateId) ?? 0) + 1);
    if (count.size > 1) {
      const total = weights.slice(i, j + 1).reduce((a, b) => a + b, 0);
      const had = new Map<string, number>();
      for (let k = i; k <= j; k++) {
        had.set(touches[k].affiliateId, (had.get(touches[k].affiliateId) ?? 0) + weights[k]);
        out[k] = total / count.size / count.get(touches[k].affiliateId)!;
      }
      // A tie decided something only when the affiliates at that moment did not already weigh the same.
      if ([...had.values()].some((w) => Math.abs(w - total / count.size) > 1e-12)) tied = Math.max(tied, count.size);
    }
    i = j + 1;
  }
  return { weights: out, tied };
}
