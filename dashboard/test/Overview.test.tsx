import { screen, within } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import Overview from "../src/pages/merchant/Overview";
import { perCurrency } from "../src/reports/series";
import { fakeApi, renderPage } from "./render";

/** One affiliate with a BRL order and a US$ order (no exchange rate known): one row per day and per affiliate. */
/** Amounts as the report gives them, nothing refunded. */
const money = (currency: string, revenue: number, commission: number) => ({ currency, revenue, refunded: 0, netRevenue: revenue, commission });
const amounts = [money("BRL", 19_990, 1_999), money("USD", 5_000, 500)];
function summary(req: Request) {
  const q = new URL(req.url).searchParams;
  const key = q.get("groupBy") === "affiliate" ? "aff_1" : q.get("to");
  return { groupBy: q.get("groupBy"), from: q.get("from"), to: q.get("to"), timezone: "UTC", rows: [{ key, clicks: 1, uniqueVisitors: 1, flaggedClicks: 0, conversions: 2, amounts }] };
}

describe("overview", () => {
  it("shows an order in another currency beside the main one instead of leaving it out of the key figures", async () => {
    const api = fakeApi({
      "GET /v1/reports/summary": summary,
      "GET /v1/affiliates": () => ({ items: [{ id: "aff_1", name: "Ana", status: "active" }], nextCursor: null }),
    });
    renderPage(() => <Overview />, { api, locale: "en" });
    const revenue = (await screen.findByText("Revenue", { selector: "dt" })).closest("div")!;
    expect(revenue.textContent).toBe("RevenueR$199.90$50.00");
    expect(screen.getByText("Commissions", { selector: "dt" }).closest("div")!.textContent).toBe("CommissionsR$19.99$5.00");
    const ana = (await screen.findByRole("rowheader", { name: "Ana" })).closest("tr")!;
    expect(within(ana).getByText("$50.00")).toBeTruthy();
    expect(within(ana).getByText("$5.00")).toBeTruthy();
  });

  it("lists the main currency first, even at zero, and other currencies only when they have an amount", () => {
    const row = (a: ReturnType<typeof money>[]) => ({ key: "k", clicks: 0, uniqueVisitors: 0, flaggedClicks: 0, conversions: 0, amounts: a });
    expect(perCurrency([row([money("USD", 100, 0)])], "BRL", "commission")).toEqual([{ currency: "BRL", amount: 0 }]);
    expect(perCurrency([row(amounts), row([money("BRL", 10, 1)])], "BRL", "revenue")).toEqual([
      { currency: "BRL", amount: 20_000 },
      { currency: "USD", amount: 5_000 },
    ]);
  });
});
