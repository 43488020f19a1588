import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clickTimeBounds } from "./click-time-bounds";

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 23);

const order = fc.record({
  occurredAt: fc.integer({ min: NOW - 400 * DAY, max: NOW }),
  windowDays: fc.integer({ min: 1, max: 365 }),
  matchedClickAt: fc.option(fc.integer({ min: NOW - 800 * DAY, max: NOW }), { nil: null }),
});

describe("clickTimeBounds", () => {
  it("holds every touch inside any order's own window, and every matched click", () => {
    fc.assert(
      fc.property(fc.array(order, { minLength: 1, maxLength: 40 }), fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), (orders, pick, where) => {
        // The merchant's longest window is at least the window of each order's campaign.
        const longest = Math.max(...orders.map((o) => o.windowDays));
        const b = clickTimeBounds(orders.map((o) => ({ occurredAt: o.occurredAt, maxWindowDays: longest, matchedClickAt: o.matchedClickAt })));
        const o = orders[pick % orders.length];
        const touch = o.occurredAt - Math.floor(where * o.windowDays * DAY);
        expect(touch).toBeGreaterThanOrEqual(b.touchesFrom);
        expect(touch).toBeLessThanOrEqual(b.touchesTo);
        for (const m of orders) if (m.matchedClickAt !== null) expect(m.matchedClickAt >= b.matchedFrom! && m.matchedClickAt <= b.matchedTo!).toBe(true);
      }),
    );
  });

  it("spans the orders' times, not now: an order from last year reaches back from its own day", () => {
    const old = NOW - 300 * DAY;
    const b = clickTimeBounds([{ occurredAt: old, maxWindowDays: 30, matchedClickAt: old - DAY }]);
    expect(b).toEqual({ touchesFrom: old - 31 * DAY, touchesTo: old + DAY, matchedFrom: old - DAY, matchedTo: old - DAY });
  });

  it("has no matched range when no order names a click, and no window without campaigns", () => {
    expect(clickTimeBounds([{ occurredAt: NOW, maxWindowDays: null, matchedClickAt: null }])).toEqual({ touchesFrom: NOW - DAY, touchesTo: NOW + DAY, matchedFrom: null, matchedTo: null });
  });
});
