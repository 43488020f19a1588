import { describe, expect, it } from "vitest";
import { attribute } from "./attribute";
import { namesItsClick, orderMoment } from "./order-moment";

const click = Date.UTC(2026, 10, 24, 13, 0);

describe("the moment an order is attributed at", () => {
  it("is the order's own time when it comes after its click, or when no click is named", () => {
    expect(orderMoment(click + 600_000, click)).toEqual({ ms: click + 600_000, notes: [] });
    expect(orderMoment(click - 600_000, null)).toEqual({ ms: click - 600_000, notes: [] });
  });

  it("is the click's time when the shop's clock puts the order before it, said only past a minute", () => {
    const early = orderMoment(click - 170 * 60_000, click);
    expect(early.ms).toBe(click);
    expect(early.notes[0]).toMatch(/^order time 2026-11-24T10:10:00.000Z is before its click at 2026-11-24T13:00:00.000Z/);
    expect(orderMoment(click - 5_000, click)).toEqual({ ms: click, notes: [] });
  });

  it("is used only when the order named its click, not when the identity step found the shopper's latest", () => {
    expect(["cookie", "local_storage", "url", "s2s_click_id"].every(namesItsClick)).toBe(true);
    expect([null, "identity", "coupon"].some(namesItsClick)).toBe(false);
  });

  it("keeps the affiliate's credit that the order's own time would have lost", () => {
    const input = { touches: [{ affiliateId: "aff_A", at: click, clickId: "clk_A" }], windowDays: 30, model: { kind: "last_click" as const }, commission: 1_000 };
    expect(attribute({ ...input, conversionAt: click - 170 * 60_000 })).toEqual([]);
    expect(attribute({ ...input, conversionAt: orderMoment(click - 170 * 60_000, click).ms }).map((s) => [s.affiliateId, s.amount])).toEqual([["aff_A", 1_000]]);
  });
});
