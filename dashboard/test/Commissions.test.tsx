import { fireEvent, screen, waitFor } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import Commissions from "../src/pages/merchant/Commissions";
import { fakeApi, renderPage } from "./render";

const commission = (id: string, orderId: string) => ({
  id, orderId, affiliateId: "aff_1", campaignId: "cmp_1", currency: "BRL", amount: 2500, reversedAmount: 0, shareBp: 10_000, status: "pending",
  heldForReview: false, rulesVersion: 1, explanation: ["10% of 25000 (base rate) = 2500"], lockUntil: "2026-12-23T00:00:00Z", createdAt: "2026-11-23T00:00:00Z",
});

describe("commissions page", () => {
  it("approves the selected commissions in bulk with the reason and reports the outcome", async () => {
    let pending = [commission("com_1", "pedido-1"), commission("com_2", "pedido-2")];
    const api = fakeApi({
      "GET /v1/commissions": () => ({ items: pending, nextCursor: null }),
      "GET /v1/affiliates": () => ({ items: [{ id: "aff_1", name: "Maria Souza", email: "m@x", status: "active", affiliateGroup: null, createdAt: "2026-11-01T00:00:00Z" }], nextCursor: null }),
      "POST /v1/commissions/decisions": () => {
        pending = pending.filter((c) => c.id !== "com_2");
        return { decided: ["com_2"], skipped: [] };
      },
    });
    renderPage(() => <Commissions />, { api, location: "/commissions" });
    expect(await screen.findByRole("status")).toBeTruthy();
    await screen.findByText("pedido-2");
    expect(screen.getAllByText("Maria Souza")).toHaveLength(2);
    const approve = screen.getByRole("button", { name: "Aprovar selecionadas" }) as HTMLButtonElement;
    expect(approve.disabled).toBe(true);

    fireEvent.click(screen.getByLabelText("Selecionar a comissão do pedido pedido-2"));
    fireEvent.input(screen.getByLabelText("Motivo (fica no histórico de auditoria)"), { target: { value: "Pedido conferido" } });
    fireEvent.click(approve);

    await waitFor(() => expect(screen.getByText(/1 decidida\(s\), 0 ignorada\(s\)/)).toBeTruthy());
    expect(api.calls.find((c) => c.method === "POST")?.body).toEqual({ action: "approve", ids: ["com_2"], reason: "Pedido conferido" });
    await waitFor(() => expect(screen.queryByText("pedido-2")).toBeNull());
  });

  it("loads the next page by cursor, and select-all then covers every loaded commission", async () => {
    const api = fakeApi({
      "GET /v1/commissions": (req) =>
        new URL(req.url).searchParams.get("cursor") === "com_1"
          ? { items: [commission("com_2", "pedido-2")], nextCursor: null }
          : { items: [commission("com_1", "pedido-1")], nextCursor: "com_1" },
      "GET /v1/affiliates": () => ({ items: [], nextCursor: null }),
      "POST /v1/commissions/decisions": () => ({ decided: ["com_1", "com_2"], skipped: [] }),
    });
    renderPage(() => <Commissions />, { api, location: "/commissions", locale: "en" });
    await screen.findByText("pedido-1");
    fireEvent.click(screen.getByRole("button", { name: "Load more" }));
    await screen.findByText("pedido-2");
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();
    fireEvent.click(screen.getByLabelText("Select all shown"));
    fireEvent.click(screen.getByRole("button", { name: "Approve selected" }));
    await waitFor(() => expect(api.calls.find((c) => c.method === "POST")?.body).toEqual({ action: "approve", ids: ["com_1", "com_2"] }));
  });

  it("shows what refunds took back beside the amount the explanation computed", async () => {
    const refunded = { ...commission("com_1", "pedido-1"), amount: 2499, reversedAmount: 2499, status: "reversed", explanation: ["12.5% of 19990 (base rate) = 2499"] };
    const api = fakeApi({
      "GET /v1/commissions": () => ({ items: [refunded, commission("com_2", "pedido-2")], nextCursor: null }),
      "GET /v1/affiliates": () => ({ items: [], nextCursor: null }),
    });
    renderPage(() => <Commissions />, { api, location: "/commissions", locale: "en" });
    await screen.findByText("pedido-1");
    const line = screen.getByText(/taken back by refunds/);
    expect(line.textContent).toMatch(/^of R\$\s?24[.,]99; R\$\s?24[.,]99 taken back by refunds$/);
    expect(screen.getAllByText(/taken back by refunds/)).toHaveLength(1);
  });

  it("shows the API's error with a retry button when the list cannot load", async () => {
    const api = fakeApi({ "GET /v1/commissions": () => Response.json({ title: "Forbidden", code: "forbidden", detail: "Your role may not read commissions." }, { status: 403 }) });
    renderPage(() => <Commissions />, { api, location: "/commissions" });
    expect((await screen.findByRole("alert")).textContent).toContain("Your role may not read commissions.");
    expect(screen.getByRole("button", { name: "Tentar de novo" })).toBeTruthy();
  });
});

describe("commissions page: when a commission is approved by itself", () => {
  it("gives the lock date only for a pending commission that is not held; held ones wait for review, decided ones never auto-approve", async () => {
    const rows = [
      { ...commission("com_1", "pedido-pendente"), status: "pending" },
      { ...commission("com_2", "pedido-retido"), status: "pending", heldForReview: true },
      { ...commission("com_3", "pedido-estornado"), status: "reversed", reversedAmount: 2500 },
    ];
    const api = fakeApi({
      "GET /v1/commissions": () => ({ items: rows, nextCursor: null }),
      "GET /v1/affiliates": () => ({ items: [], nextCursor: null }),
    });
    renderPage(() => <Commissions />, { api, location: "/commissions", locale: "en" });
    const lastCell = async (order: string) => [...(await screen.findByText(order)).closest("tr")!.querySelectorAll("td")].at(-1)!.textContent;
    expect(await lastCell("pedido-pendente")).toBe("Dec 23, 2026");
    expect(await lastCell("pedido-retido")).toBe("Not until the fraud review releases it");
    expect(await lastCell("pedido-estornado")).toBe("—");
  });
});
