import { fireEvent, screen, waitFor, within } from "@solidjs/testing-library";
import { describe, expect, it, vi } from "vitest";
import Reports from "../src/pages/merchant/Reports";
import { lastDaysIn } from "../src/reports/compare";
import { fakeApi, renderPage } from "./render";

const row = (key: string | null, clicks: number, revenue: number, commission: number, refunded = 0) => ({
  key, clicks, uniqueVisitors: clicks - 1, flaggedClicks: 0, conversions: 2, conversionsFromClicks: 1,
  amounts: revenue ? [{ currency: "BRL", revenue, refunded, netRevenue: revenue - refunded, commission }] : [],
});

/** Echoes the asked period and grouping, like the API; the previous period is the 30 days before. */
function summary(req: Request) {
  const q = new URL(req.url).searchParams;
  const groupBy = q.get("groupBy") ?? "day";
  const rows = groupBy === "campaign" ? [row("cmp_1", 40, 50_000, 5_000), row(null, 0, 9_900, 0)] : [row(q.get("to"), 10, 25_000, 2_500, 5_000)];
  return {
    groupBy, from: q.get("from"), to: q.get("to"), timezone: "UTC", rows,
    ...(q.get("compare") ? { previous: { from: "2026-09-01", to: "2026-09-30", rows: [row("cmp_1", 20, 40_000, 4_000)] } } : {}),
  };
}

const lists = {
  "GET /v1/campaigns": () => ({ items: [{ id: "cmp_1", name: "Black Friday" }], nextCursor: null }),
  "GET /v1/affiliates": () => ({ items: [], nextCursor: null }),
};
const reportCalls = (api: ReturnType<typeof fakeApi>, path = "/v1/reports/summary") =>
  api.calls.filter((c) => c.path === path).map((c) => Object.fromEntries(new URLSearchParams(c.search)));

describe("reports page", () => {
  it("shows the report's rows, and a new grouping re-queries with the same period and filters", async () => {
    const api = fakeApi({ "GET /v1/reports/summary": summary, ...lists });
    renderPage(() => <Reports />, { api, location: "/reports", locale: "en" });
    const table = await screen.findByRole("region", { name: "Reports" });
    expect(within(table).getAllByText("R$250.00")).toHaveLength(2);
    // Gross, refunded and net revenue side by side, in the row and the total.
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Day", "Clicks", "Unique visitors", "Flagged clicks", "Orders", "Gross revenue", "Refunded", "Net revenue", "Commissions"]);
    expect(within(table).getAllByText("R$50.00")).toHaveLength(2);
    expect(within(table).getAllByText("R$200.00")).toHaveLength(2);
    // The daily chart draws net revenue (R$250.00 sold, R$50.00 refunded), not gross.
    const chart = screen.getByText("Net revenue and commissions per day").closest("figure")!;
    expect(within(chart).getAllByText("R$200.00")).toHaveLength(1);
    expect(within(chart).queryByText("R$250.00")).toBeNull();
    const first = reportCalls(api).at(-1)!;
    expect(first).toMatchObject({ groupBy: "day", compare: "previous" });
    expect(first.from < first.to).toBe(true);

    fireEvent.change(screen.getByLabelText("Group by"), { target: { value: "campaign" } });
    await screen.findByRole("rowheader", { name: "Black Friday" });
    expect(reportCalls(api).at(-1)).toEqual({ ...first, groupBy: "campaign" });
    // 400.00 last period, 500.00 now: +25%; the row without a campaign is labelled, money per currency.
    const bf = screen.getByRole("rowheader", { name: "Black Friday" }).closest("tr")!;
    expect(bf.textContent).toContain("R$500.00");
    expect(bf.textContent).toContain("+25%");
    expect(screen.getByRole("rowheader", { name: "(none: not matched)" })).toBeTruthy();
    expect(screen.getByRole("rowheader", { name: "Total" }).closest("tr")!.textContent).toContain("R$599.00");
  });

  it("filters by campaign and downloads the CSV with the same parameters", async () => {
    const api = fakeApi({ "GET /v1/reports/summary": summary, "GET /v1/reports/export": () => new Response("key,clicks\n", { headers: { "content-type": "text/csv" } }), ...lists });
    const createObjectURL = vi.fn(() => "blob:report");
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    renderPage(() => <Reports />, { api, location: "/reports", locale: "en" });
    await screen.findByRole("region", { name: "Reports" });
    await screen.findByRole("option", { name: "Black Friday" });
    fireEvent.change(screen.getByLabelText("Campaign"), { target: { value: "cmp_1" } });
    await waitFor(() => expect(reportCalls(api).at(-1)?.campaignId).toBe("cmp_1"));

    fireEvent.click(screen.getByRole("button", { name: "Download CSV" }));
    await waitFor(() => expect(createObjectURL).toHaveBeenCalled());
    const { compare: _, ...shown } = reportCalls(api).at(-1)!;
    expect(reportCalls(api, "/v1/reports/export")).toEqual([shown]);
  });

  it("starts a custom period from the one shown and asks for the days typed", async () => {
    const api = fakeApi({ "GET /v1/reports/summary": summary, ...lists });
    renderPage(() => <Reports />, { api, location: "/reports", locale: "en" });
    await screen.findByRole("region", { name: "Reports" });
    fireEvent.change(screen.getByLabelText("Period"), { target: { value: "7" } });
    await waitFor(() => expect(reportCalls(api).at(-1)?.from).toBe(lastDaysIn(7, "UTC").from));
    fireEvent.change(screen.getByLabelText("Period"), { target: { value: "custom" } });
    expect((screen.getByLabelText("From") as HTMLInputElement).value).toBe(lastDaysIn(7, "UTC").from);
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "2026-10-01" } });
    fireEvent.change(screen.getByLabelText("To"), { target: { value: "2026-10-31" } });
    await waitFor(() => expect(reportCalls(api).at(-1)).toMatchObject({ from: "2026-10-01", to: "2026-10-31" }));
  });

  it("shows the API's error with a retry button that asks again", async () => {
    let fail = true;
    const api = fakeApi({
      "GET /v1/reports/summary": (req) => (fail ? Response.json({ title: "Bad Request", code: "invalid", detail: "The range is longer than 366 days." }, { status: 400 }) : summary(req)),
      ...lists,
    });
    renderPage(() => <Reports />, { api, location: "/reports" });
    expect((await screen.findByRole("alert")).textContent).toContain("The range is longer than 366 days.");
    fail = false;
    fireEvent.click(screen.getByRole("button", { name: "Tentar de novo" }));
    await screen.findByRole("region", { name: "Relatórios" });
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
