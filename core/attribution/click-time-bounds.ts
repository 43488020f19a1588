/**
 * The times a batch's clicks can have, for the attribution query to name as constants: clicks are
 * partitioned by month, and a bound the planner only learns while running leaves every month kept (25 by
 * default) to plan and to probe.
 * - Touches: from the earliest order's time less the longest attribution window of its merchant's
 *   campaigns, to the latest order's time, a day wider each way for clocks. Each order then keeps only its
 *   own window (attribute.ts). Bounded by the orders and not by now, so an order attributed late (sent days
 *   after it happened, or re-attributed while pending) still sees every touch of its window.
 * - Matched clicks: the earliest and latest of their times (read from their ids); null when none.
 */
const DAY_MS = 86_400_000;

export interface OrderTimes {
  occurredAt: number;
  /** The longest attribution window of the order's merchant's campaigns, days (null: no campaign). */
  maxWindowDays: number | null;
  matchedClickAt: number | null;
}

export interface ClickTimeBounds {
  touchesFrom: number;
  touchesTo: number;
  matchedFrom: number | null;
  matchedTo: number | null;
}

/** `orders` is not empty. A loop rather than Math.min(...): a re-attribution batch may hold thousands. */
export function clickTimeBounds(orders: readonly OrderTimes[]): ClickTimeBounds {
  let first = Infinity;
  let last = -Infinity;
  let window = 0;
  let matchedFrom: number | null = null;
  let matchedTo: number | null = null;
  for (const o of orders) {
    first = Math.min(first, o.occurredAt);
    last = Math.max(last, o.occurredAt);
    window = Math.max(window, o.maxWindowDays ?? 0);
    if (o.matchedClickAt !== null) {
      matchedFrom = matchedFrom === null ? o.matchedClickAt : Math.min(matchedFrom, o.matchedClickAt);
      matchedTo = matchedTo === null ? o.matchedClickAt : Math.max(matchedTo, o.matchedClickAt);
    }
  }
  return { touchesFrom: first - (window + 1) * DAY_MS, touchesTo: last + DAY_MS, matchedFrom, matchedTo };
}
