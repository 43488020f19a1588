import { fireEvent, screen, waitFor, within } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import { Coupons } from "../src/coupons/Coupons";
import { fakeApi, renderPage } from "./render";

const coupon = (id: string, code: string, status = "active") => ({
  id, code, affiliateId: "aff_1", campaignId: "cmp_1", status, createdAt: "2026-11-23T00:00:00Z", disabledAt: status === "disabled" ? "2026-11-24T00:00:00Z" : null,
});
const lookups = {
  "GET /v1/affiliates": () => ({ items: [{ id: "aff_1", name: "Maria Souza", email: "m@x", status: "active", affiliateGroup: null, createdAt: "2026-11-01T00:00:00Z" }], nextCursor: null }),
  "GET /v1/campaigns": () => ({ items: [{ id: "cmp_1", name: "Verão", status: "active" }], nextCursor: null }),
};

describe("coupons section", () => {
  it("adds a coupon for the chosen affiliate and campaign, then lists it with their names", async () => {
    const coupons = [coupon("cpn_1", "ANA5")];
    const api = fakeApi({
      ...lookups,
      "GET /v1/coupons": () => ({ items: coupons, nextCursor: null }),
      "POST /v1/coupons": (_, body) => {
        const made = coupon("cpn_2", (body as { code: string }).code);
        coupons.push(made);
        return Response.json(made, { status: 201 });
      },
    });
    renderPage(() => <Coupons />, { api });
    await screen.findByText("ANA5");
    await screen.findByRole("option", { name: "Maria Souza" });
    await screen.findByRole("option", { name: "Verão" });

    fireEvent.input(screen.getByLabelText("Código do cupom", { exact: false }), { target: { value: "MARIA10" } });
    fireEvent.submit(screen.getByRole("form", { name: "Adicionar cupom" }));

    expect((await screen.findByRole("status")).textContent).toContain("MARIA10");
    expect(api.calls.find((c) => c.method === "POST")?.body).toEqual({ code: "MARIA10", campaignId: "cmp_1", affiliateId: "aff_1" });
    const row = (await screen.findByText("MARIA10", { selector: "code" })).closest("tr")!;
    expect(within(row).getByText("Maria Souza")).toBeTruthy();
    expect(within(row).getByText("Verão")).toBeTruthy();
  });

  it("shows the API's problem when the code is taken, and disables a coupon", async () => {
    let status = "active";
    const api = fakeApi({
      ...lookups,
      "GET /v1/coupons": () => ({ items: [coupon("cpn_1", "ANA5", status)], nextCursor: null }),
      "POST /v1/coupons": () => Response.json({ title: "Conflict", code: "conflict", detail: 'The code "ana5" is already a coupon in your account.' }, { status: 409 }),
      "PATCH /v1/coupons/cpn_1": (_, body) => {
        status = (body as { status: string }).status;
        return coupon("cpn_1", "ANA5", status);
      },
    });
    renderPage(() => <Coupons />, { api });
    await screen.findByText("ANA5");
    await screen.findByRole("option", { name: "Verão" });
    fireEvent.input(screen.getByLabelText("Código do cupom", { exact: false }), { target: { value: "ana5" } });
    fireEvent.submit(screen.getByRole("form", { name: "Adicionar cupom" }));
    expect((await screen.findByRole("alert")).textContent).toContain("already a coupon");

    fireEvent.click(screen.getByRole("button", { name: "Desativar" }));
    await screen.findByRole("button", { name: "Ativar" });
    expect(api.calls.find((c) => c.method === "PATCH")?.body).toEqual({ status: "disabled" });
    await waitFor(() => expect(screen.getByText("Desativado")).toBeTruthy());
  });
});
