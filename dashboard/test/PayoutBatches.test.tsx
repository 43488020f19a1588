import { fireEvent, screen, waitFor, within } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import PayoutBatches from "../src/pages/merchant/PayoutBatches";
import Payouts from "../src/pages/merchant/Payouts";
import { fakeApi, renderPage } from "./render";

const batch = (id: string, over: Record<string, unknown> = {}) => ({
  id, currency: "BRL", provider: "csv", status: "draft", minimumAmount: 0, totalAmount: 12_345, itemCount: 2,
  createdAt: "2026-11-23T12:00:00Z", sentAt: null, completedAt: null, ...over,
});
const balances = {
  items: [
    { affiliateId: "aff_1", balances: [{ currency: "BRL", available: 10_000, locked: 0, pending: 0, paid: 0, clawbackCarried: 0 }] },
    { affiliateId: "aff_2", balances: [{ currency: "BRL", available: 2_345, locked: 500, pending: 0, paid: 0, clawbackCarried: 0 }] },
  ],
  nextCursor: null,
};

describe("payout batches page", () => {
  it("lists batches with status, provider, total, affiliates and dates, each linking to its page", async () => {
    const api = fakeApi({
      "GET /v1/balances": () => balances,
      "GET /v1/payout-batches": () => ({ items: [batch("pay_1", { status: "paid", provider: "pix", sentAt: "2026-11-24T12:00:00Z", completedAt: "2026-11-25T12:00:00Z" }), batch("pay_2")], nextCursor: null }),
    });
    renderPage(() => <PayoutBatches />, { api, location: "/payout-batches", locale: "en" });
    const link = await screen.findByRole("link", { name: "Open batch pay_1" });
    expect(link.getAttribute("href")).toBe("/payout-batches/pay_1");
    const row = link.closest("tr")!;
    expect(within(row).getByText("Paid")).toBeTruthy();
    expect(within(row).getByText("PIX (Efí)")).toBeTruthy();
    expect(within(row).getByText("R$123.45")).toBeTruthy();
    expect(within(row).getByText("2")).toBeTruthy();
    expect(within(row).getByText("Nov 25, 2026")).toBeTruthy();
    const draft = screen.getByRole("link", { name: "Open batch pay_2" }).closest("tr")!;
    expect(within(draft).getByText("Draft")).toBeTruthy();
    expect(within(draft).getAllByText("—")).toHaveLength(2);
  });

  it("makes a draft batch with the currency, provider and minimum in minor units, previewing who reaches it", async () => {
    const api = fakeApi({
      "GET /v1/balances": () => balances,
      "GET /v1/payout-batches": () => ({ items: [], nextCursor: null }),
      "POST /v1/payout-batches": () => Response.json({ ...batch("pay_9"), items: [] }, { status: 201 }),
    });
    renderPage(() => <PayoutBatches />, { api, location: "/payout-batches" });
    await screen.findByText("Nenhum lote de pagamento ainda.");
    await screen.findByText(/2 afiliado\(s\) têm R\$\s123,45 disponível em BRL/);

    fireEvent.change(screen.getByLabelText("Pagar por"), { target: { value: "csv_pix" } });
    fireEvent.input(screen.getByLabelText("Saldo mínimo (opcional)"), { target: { value: "50,00" } });
    await screen.findByText(/1 afiliado\(s\) têm R\$\s100,00 disponível/);
    fireEvent.submit(screen.getByRole("form", { name: "Novo lote de pagamento" }));

    await waitFor(() => expect(api.calls.find((c) => c.method === "POST")?.body).toEqual({ currency: "BRL", provider: "csv_pix", minimumAmount: 5_000 }));
  });

  it("does not send a minimum that is not an amount", async () => {
    const api = fakeApi({ "GET /v1/balances": () => balances, "GET /v1/payout-batches": () => ({ items: [], nextCursor: null }) });
    renderPage(() => <PayoutBatches />, { api, location: "/payout-batches", locale: "en" });
    await screen.findByText("No payout batches yet.");
    fireEvent.input(screen.getByLabelText("Minimum balance (optional)"), { target: { value: "fifty" } });
    expect(await screen.findByText("Type the minimum as an amount, e.g. 50.00.")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Make draft batch" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("shows the API's problem title, detail and field errors when the batch cannot be made", async () => {
    let answer = Response.json(
      { title: "Unprocessable Content", code: "unprocessable", status: 422, detail: "No affiliate has a payable balance at or above the minimum in this currency (with a method for this provider and no payout open)." },
      { status: 422, headers: { "content-type": "application/problem+json" } },
    );
    const api = fakeApi({
      "GET /v1/balances": () => balances,
      "GET /v1/payout-batches": () => ({ items: [], nextCursor: null }),
      "POST /v1/payout-batches": () => answer,
    });
    renderPage(() => <PayoutBatches />, { api, location: "/payout-batches", locale: "en" });
    await screen.findByText("No payout batches yet.");
    fireEvent.submit(screen.getByRole("form", { name: "New payout batch" }));
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText("Unprocessable Content")).toBeTruthy();
    expect(alert.textContent).toContain("No affiliate has a payable balance");

    answer = Response.json(
      { title: "Bad Request", code: "validation_failed", status: 400, detail: "The request is not valid.", errors: [{ pointer: "/body/minimumAmount", detail: "Number must be less than or equal to 1000000000000" }] },
      { status: 400, headers: { "content-type": "application/problem+json" } },
    );
    fireEvent.submit(screen.getByRole("form", { name: "New payout batch" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("minimumAmount: Number must be less than or equal to 1000000000000"));
    expect(screen.getByRole("alert").textContent).toContain("Check these fields:");
  });
});

describe("payouts page", () => {
  it("links to payout batches only for roles that may make them, and to payout methods for all", async () => {
    for (const [role, shown] of [["owner", true], ["analyst", false]] as const) {
      const api = fakeApi({
        "POST /v1/auth/login": () => ({ tokenType: "Bearer", accessToken: "jwt-1", expiresIn: 900, refreshToken: "rt-1", user: { id: "usr_1", tenantId: "tnt_1", email: "x@demo.example", name: null, role, affiliateId: null } }),
        "GET /v1/affiliates": () => ({ items: [], nextCursor: null }),
        "GET /v1/balances": () => balances,
        "GET /v1/payouts": () => ({ items: [], nextCursor: null }),
      });
      const page = renderPage(() => <Payouts />, { api, location: "/payouts", locale: "en" });
      await page.session.signIn("x@demo.example", "secret-secret");
      await screen.findByRole("link", { name: "Which affiliates have a payout method on file" });
      expect(screen.queryByRole("link", { name: "Pay the available balances in a payout batch" }) !== null, role).toBe(shown);
      page.unmount();
    }
  });
});
