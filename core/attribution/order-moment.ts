/**
 * The moment an order is attributed at. An order that names its click (cookie, landing URL, click id) was
 * placed after that click, whatever its own timestamp says; when the shop's clock or time zone puts it
 * earlier (local time sent as UTC puts a Brazilian order 3 h early), the window would hold no click and the
 * affiliate would earn nothing without a word. The click's moment is taken instead, and said so.
 */

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
