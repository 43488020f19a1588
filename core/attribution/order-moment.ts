/**
 * The moment an order is attributed at. An order that names its click (cookie, landing URL, click id) was
 * placed after that click, whatever its own timestamp says; when the shop's clock or time zone puts it
 * earlier (local time sent as UTC puts a Brazilian order 3 h early), the window would hold no click and the
 * affiliate would earn nothing without a word. The click's moment is taken instead, and said so.
 */
import type { IdentitySource } from "../identity-chain";

/**
 * The identity steps by which an order names its own click: the shopper's cookie or storage, the landing
 * URL, or the click id the merchant's server passes on. Only these prove the click came first; the
 * identity step finds the shopper's latest click, which may have come after the order (a shopper who
 * clicked a coupon site's link after buying).
 */
const CLICK_NAMING_STEPS: ReadonlySet<string> = new Set<IdentitySource>(["cookie", "local_storage", "url", "s2s_click_id"]);

export const namesItsClick = (identitySource: string | null): boolean => identitySource !== null && CLICK_NAMING_STEPS.has(identitySource);

/** Clocks of shop and edge disagree by seconds; a minute or more means a wrong clock or time zone. */
export const CLOCK_SKEW_TOLERANCE_MS = 60_000;

export interface OrderMoment {
  ms: number;
  /** A sentence for the commission's explanation when the order's own time was not used. */
  notes: string[];
}

export function orderMoment(occurredAt: number, matchedClickAt: number | null): OrderMoment {
  if (matchedClickAt === null || matchedClickAt <= occurredAt) return { ms: occurredAt, notes: [] };
  const notes =
    matchedClickAt - occurredAt > CLOCK_SKEW_TOLERANCE_MS
      ? [`order time ${new Date(occurredAt).toISOString()} is before its click at ${new Date(matchedClickAt).toISOString()} (the shop's clock or time zone?): attributed as placed at its click`]
      : [];
  return { ms: matchedClickAt, notes };
}
