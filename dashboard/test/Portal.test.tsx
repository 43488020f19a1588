import { screen } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import Portal from "../src/pages/affiliate/Portal";
import { fakeApi, renderPage } from "./render";

const money = (currency: string, revenue: number, commission: number) => ({ currency, revenue, refunded: 0, netRevenue: revenue, commission });
const row = (key: string | null, amounts: ReturnType<typeof money>[]) => ({ key, clicks: 4, uniqueVisitors: 4, flaggedClicks: 0, conversions: 2, conversionsFromClicks: 2, amounts });

describe("affiliate portal, by sub-id", () => {
  it("shows each sub-id's earnings in every currency, the main one first, never added up", async () => {
    // `blog` earned €160.00 and US$26.00; `ig` only US$ (it showed €0.00 before).
    const rows = [row("blog", [money("EUR", 160_000, 16_000), money("USD", 26_000, 2_600)]), row("ig", [money("USD", 5_000, 500)])];
    const api = fakeApi({
      "GET /v1/reports/summary": (req: Request) => {
        const q = new URL(req.url).searchParams;
        return { groupBy: q.get("groupBy"), from: q.get("from"), to: q.get("to"), timezone: "UTC", rows: q.get("groupBy") === "subId" ? rows : [] };
      },
      "GET /v1/balances": () => ({ items: [], nextCursor: null }),
    });
    renderPage(() => <Portal />, { api, locale: "en" });
    const blog = (await screen.findByText("blog", { selector: "th" })).closest("tr")!;
    expect(blog.lastElementChild!.textContent).toBe("€160.00$26.00");
    const ig = screen.getByText("ig", { selector: "th" }).closest("tr")!;
    expect(ig.lastElementChild!.textContent).toBe("€0.00$5.00");
  });
});
