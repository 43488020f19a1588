import { describe, expect, it } from "vitest";
import { change, lastDaysIn, ordered, pairRows, sumRows } from "../src/reports/compare";

type Money = { currency: string; revenue: number; commission: number; refunded?: number; netRevenue?: number };
/** Amounts with nothing refunded unless a test says otherwise. */
const row = (key: string | null, clicks: number, amounts: Money[] = []) => ({
  key, clicks, uniqueVisitors: clicks, flaggedClicks: 0, conversions: 0, conversionsFromClicks: 0,
  amounts: amounts.map((a) => ({ refunded: 0, netRevenue: a.revenue - (a.refunded ?? 0), ...a })),
});

describe("report comparison", () => {
  it("pairs days by their position in the period, and other keys by key", () => {
    const byDay = pairRows({
      groupBy: "day", from: "2026-11-08", to: "2026-11-14", timezone: "UTC", rows: [row("2026-11-09", 5), row("2026-11-14", 1)],
      previous: { from: "2026-11-01", to: "2026-11-07", rows: [row("2026-11-02", 4)] },
    });
    expect(byDay.map((l) => l.previous?.clicks)).toEqual([4, 0]);
    const byCampaign = pairRows({ groupBy: "campaign", from: "2026-11-08", to: "2026-11-14", timezone: "UTC", rows: [row("cmp_1", 5)] });
    expect(byCampaign[0]?.previous).toBeUndefined();
  });

  it("puts the best campaigns or affiliates first (by net revenue) and the unmatched row last, days in order", () => {
    const brl = (revenue: number, refunded = 0) => [{ currency: "BRL", revenue, refunded, commission: 0 }];
    const lines = [row(null, 9, brl(900)), row("a", 5, brl(100)), row("b", 1, brl(300)), row("d", 2, brl(400, 350)), row("c", 7)].map((current) => ({ key: current.key, current }));
    // d sold the most but gave back 350 of 400: 50 net, behind a's 100.
    expect(ordered(lines, "affiliate", "BRL").map((l) => l.key)).toEqual(["b", "a", "d", "c", null]);
    expect(ordered(lines, "day", "BRL")).toBe(lines);
  });

  it("adds money per currency only, and tells a change from nothing to compare with", () => {
    const sum = sumRows([
      row("a", 1, [{ currency: "USD", revenue: 100, refunded: 30, netRevenue: 70, commission: 10 }]),
      row("b", 2, [{ currency: "BRL", revenue: 5, refunded: 0, netRevenue: 5, commission: 1 }, { currency: "USD", revenue: 1, refunded: 1, netRevenue: 0, commission: 0 }]),
    ]);
    expect(sum.clicks).toBe(3);
    expect(sum.amounts).toEqual([
      { currency: "BRL", revenue: 5, refunded: 0, netRevenue: 5, commission: 1 },
      { currency: "USD", revenue: 101, refunded: 31, netRevenue: 70, commission: 10 },
    ]);
    expect([change(15, 10), change(0, 0), change(3, 0)]).toEqual([0.5, 0, null]);
  });

  it("counts the preset's days in the merchant's zone", () => {
    // 02:00 UTC on the 23rd is still the 22nd in São Paulo (UTC-3).
    const now = new Date("2026-11-23T02:00:00Z");
    expect(lastDaysIn(7, "America/Sao_Paulo", now)).toEqual({ from: "2026-11-16", to: "2026-11-22" });
    expect(lastDaysIn(30, "UTC", now)).toEqual({ from: "2026-10-25", to: "2026-11-23" });
  });
});
