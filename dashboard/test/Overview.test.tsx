import { screen, within } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import Overview, { topAffiliates } from "../src/pages/merchant/Overview";
import { perCurrency } from "../src/reports/series";
import { fakeApi, renderPage } from "./render";

/** Amounts as the report gives them: gross, what refunds gave back of it, net, commission. */
const money = (currency: string, revenue: number, commission: number, refunded = 0) => ({ currency, revenue, refunded, netRevenue: revenue - refunded, commission });
const row = (key: string | null, amounts: ReturnType<typeof money>[], clicks = 1, counts = { conversions: 2, conversionsFromClicks: 1 }) => ({
  key, clicks, uniqueVisitors: clicks, flaggedClicks: 0, ...counts, amounts,
});

/**
 * By day: one day with a BRL order (R$50.00 of it refunded) and a US$ order (no exchange rate known). By
 * affiliate: Ana sold more gross but most of it was refunded; Bruno kept more.
 */
const day = [money("BRL", 19_990, 1_999, 5_000), money("USD", 5_000, 500)];
const byAffiliate = [row("aff_1", [money("BRL", 19_990, 1_999, 15_000), money("USD", 5_000, 500)], 9), row("aff_2", [money("BRL", 15_000, 1_500)], 3), row(null, [money("BRL", 90_000, 0)])];
function summary(refunds: boolean) {
  return (req: Request) => {
    const q = new URL(req.url).searchParams;
    const rows = q.get("groupBy") === "affiliate" ? byAffiliate : [row(q.get("to"), refunds ? day : day.map((a) => money(a.currency, a.revenue, a.commission)))];
    return { groupBy: q.get("groupBy"), from: q.get("from"), to: q.get("to"), timezone: "UTC", rows };
  };
}
const affiliates = () => ({ items: [{ id: "aff_1", name: "Ana", status: "active" }, { id: "aff_2", name: "Bruno", status: "active" }], nextCursor: null });

describe("overview", () => {
  it("shows net revenue with what was refunded under it, per currency, and charts net revenue per day", async () => {
    const api = fakeApi({ "GET /v1/reports/summary": summary(true), "GET /v1/affiliates": affiliates });
    renderPage(() => <Overview />, { api, locale: "en" });
    const net = (await screen.findByText("Net revenue", { selector: "dt" })).closest("div")!;
    // R$199.90 sold, R$50.00 refunded: R$149.90 kept; the US$ order is beside it, never added in.
    expect(net.textContent).toBe("Net revenueR$149.90$50.00R$50.00 refunded");
    expect(screen.queryByText("Revenue", { selector: "dt" })).toBeNull();
    expect(screen.getByText("Commissions", { selector: "dt" }).closest("div")!.textContent).toBe("CommissionsR$19.99$5.00");

    const chart = screen.getByText("Net revenue and commissions per day").closest("figure")!;
    expect(within(chart).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Day", "Net revenue", "Commissions"]);
    expect(within(chart).getByText("R$149.90")).toBeTruthy();
    expect(within(chart).queryByText("R$199.90")).toBeNull();
  });

  it("rates conversion as orders from clicks ÷ clicks: coupon-only orders are orders, but no click brought them", async () => {
    // 3 clicks, 8 orders of which 2 came from a click (the rest by coupon): all orders ÷ clicks would read 266.7%.
    const api = fakeApi({
      "GET /v1/reports/summary": (req: Request) => {
        const q = new URL(req.url).searchParams;
        const rows = q.get("groupBy") === "affiliate" ? byAffiliate : [row(q.get("to"), [money("BRL", 80_000, 8_000)], 3, { conversions: 8, conversionsFromClicks: 2 })];
        return { groupBy: q.get("groupBy"), from: q.get("from"), to: q.get("to"), timezone: "UTC", rows };
      },
      "GET /v1/affiliates": affiliates,
    });
    renderPage(() => <Overview />, { api, locale: "en" });
    const rate = (await screen.findByText("Conversion rate", { selector: "dt" })).closest("div")!;
    expect(rate.querySelector("dd")!.firstChild!.textContent).toBe("66.7%");
    expect(rate.textContent).toBe("Conversion rate66.7%orders from clicks (2) ÷ clicks");
    expect(screen.getByText("Orders", { selector: "dt" }).closest("div")!.textContent).toBe("Orders8");
  });

  it("ranks top affiliates by net revenue and shows it, in Portuguese, with no refunded line when nothing was refunded", async () => {
    const api = fakeApi({ "GET /v1/reports/summary": summary(false), "GET /v1/affiliates": affiliates });
    renderPage(() => <Overview />, { api, locale: "pt-BR" });
    const net = (await screen.findByText("Receita líquida", { selector: "dt" })).closest("div")!;
    expect(net.textContent).not.toContain("reembolsado");
    const table = (await screen.findByRole("rowheader", { name: "Bruno" })).closest("table")!;
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toContain("Receita líquida");
    expect(within(table).getAllByRole("rowheader").map((h) => h.textContent)).toEqual(["Bruno", "Ana"]);
    const ana = within(table).getByRole("rowheader", { name: "Ana" }).closest("tr")!;
    expect(ana.textContent!.replace(/\u00a0/g, " ")).toContain("R$ 49,90US$ 50,00");
  });

  it("orders by net revenue in the main currency, leaving out orders matched to nobody", () => {
    expect(topAffiliates(byAffiliate, "BRL").map((r) => r.key)).toEqual(["aff_2", "aff_1"]);
    // In US$ only Ana sold anything.
    expect(topAffiliates(byAffiliate, "USD").map((r) => r.key)).toEqual(["aff_1", "aff_2"]);
  });

  it("lists the main currency first, even at zero, and other currencies only when they have an amount", () => {
    expect(perCurrency([row("k", [money("USD", 100, 0)])], "BRL", "commission")).toEqual([{ currency: "BRL", amount: 0 }]);
    expect(perCurrency([row("k", day), row("k", [money("BRL", 10, 1)])], "BRL", "netRevenue")).toEqual([
      { currency: "BRL", amount: 15_000 },
      { currency: "USD", amount: 5_000 },
    ]);
    expect(perCurrency([row("k", day)], "BRL", "refunded")).toEqual([{ currency: "BRL", amount: 5_000 }]);
  });
});
