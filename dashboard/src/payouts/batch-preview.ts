/**
 * What a new batch would roughly pay, from the balances already loaded: affiliates whose available balance
 * in the currency reaches the minimum. The API decides the real lines (it also leaves out affiliates with
 * no method for the provider or a payout still open), so this is a preview, not a promise.
 */
import type { components } from "../../../sdk";

type AffiliateBalances = components["schemas"]["AffiliateBalances"];

export function payablePreview(items: AffiliateBalances[], currency: string, minimum: number): { count: number; total: number } {
  let count = 0;
  let total = 0;
  for (const a of items) {
    const available = a.balances.find((b) => b.currency === currency)?.available ?? 0;
    // A zero or negative balance is never paid, whatever the minimum.
    if (available > 0 && available >= minimum) {
      count += 1;
      total += available;
    }
  }
  return { count, total };
}

/** Currencies with something available come first (the likely choice), then every other one the API takes. */
export function currencyChoices<C extends string>(items: AffiliateBalances[], all: C[]): C[] {
  const held = [...new Set(items.flatMap((a) => a.balances.filter((b) => b.available > 0).map((b) => b.currency)))].filter((c): c is C => (all as string[]).includes(c));
  return [...held, ...all.filter((c) => !held.includes(c))];
}
