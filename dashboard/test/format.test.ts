import { describe, expect, it } from "vitest";
import { date, money, parseMoneyInput } from "../src/i18n/format";
import { dailySeries, mainCurrency, totals } from "../src/reports/series";

const nb = (s: string) => s.replace(/\u00a0/g, " ");

describe("formatting", () => {
  it("formats integer minor units per locale and currency exponent", () => {
    expect(nb(money(25_000, "BRL", "pt-BR"))).toBe("R$ 250,00");
    expect(money(25_000, "BRL", "en")).toBe("R$250.00");
    expect(nb(money(1500, "CLP", "pt-BR"))).toBe("CLP 1.500");
    expect(date("2026-11-03", "pt-BR")).toBe("3 de nov. de 2026");
    expect(date("2026-11-03", "en")).toBe("Nov 3, 2026");
  });

  it("reads typed amounts as text, never through floats", () => {
    expect(parseMoneyInput("1.234,56", "BRL", "pt-BR")).toBe(123_456);
    expect(parseMoneyInput("0,1", "BRL", "pt-BR")).toBe(10);
    expect(parseMoneyInput("1,234.56", "USD", "en")).toBe(123_456);
    expect(parseMoneyInput("12,345", "BRL", "pt-BR")).toBeNull();
    expect(parseMoneyInput("1500", "CLP", "pt-BR")).toBe(1500);
    expect(parseMoneyInput("-5", "BRL", "pt-BR")).toBeNull();
  });
});

describe("report series", () => {
  const money = (currency: string, revenue: number, commission: number, refunded = 0) => ({ currency, revenue, refunded, netRevenue: revenue - refunded, commission });
  const rows = [
    { key: "2026-11-02", clicks: 10, uniqueVisitors: 8, flaggedClicks: 1, conversions: 2, conversionsFromClicks: 2, amounts: [money("BRL", 50_000, 5000, 20_000), money("USD", 100, 10)] },
    { key: "2026-11-04", clicks: 4, uniqueVisitors: 4, flaggedClicks: 0, conversions: 1, conversionsFromClicks: 0, amounts: [money("BRL", 10_000, 1000)] },
  ];
  it("fills quiet days with zeros and never adds currencies together", () => {
    expect(mainCurrency(rows)).toBe("BRL");
    expect(totals(rows, "BRL")).toMatchObject({ clicks: 14, flaggedClicks: 1, conversions: 3, conversionsFromClicks: 2, revenue: 60_000, refunded: 20_000, netRevenue: 40_000, commission: 6000 });
    const s = dailySeries(rows, "2026-11-01", "2026-11-04", "BRL");
    expect(s.days).toEqual(["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04"]);
    // The money chart draws net revenue: the R$200.00 refunded of the 2nd's orders is not counted as earned.
    expect(s.netRevenue).toEqual([0, 30_000, 0, 10_000]);
    expect(dailySeries(rows, "2026-11-01", "2026-11-04", "USD").netRevenue).toEqual([0, 100, 0, 0]);
  });
});
