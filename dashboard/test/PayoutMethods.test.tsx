import { fireEvent, screen, waitFor, within } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import PortalPayoutMethod from "../src/pages/affiliate/PortalPayoutMethod";
import PayoutMethods from "../src/pages/merchant/PayoutMethods";
import { fakeApi, renderPage, type Handler } from "./render";

const session = (role: string) => ({
  tokenType: "Bearer", accessToken: "jwt-1", expiresIn: 900, refreshToken: "rt-1",
  user: { id: "usr_1", tenantId: "tnt_1", email: "x@demo.example", name: null, role, affiliateId: role === "affiliate" ? "aff_2" : null },
});
const affiliate = (id: string, name: string) => ({ id, name, email: `${id}@x.example`, status: "active", affiliateGroup: null, createdAt: "2026-11-01T00:00:00Z" });
const pixHint = { kind: "pix", hint: "pix email mar***com", updatedAt: "2026-11-20T12:00:00Z" };

async function signedIn(role: string, routes: Record<string, Handler>, page: () => ReturnType<typeof PayoutMethods>, location: string) {
  const api = fakeApi({ "POST /v1/auth/login": () => session(role), ...routes });
  const rendered = renderPage(page, { api, location, locale: "en" });
  await rendered.session.signIn("x@demo.example", "secret-secret");
  return api;
}

describe("payout methods page (merchant)", () => {
  it("shows which affiliates have a method on file, and sets a PIX key for one, refreshing its row", async () => {
    let bruno: unknown[] = [];
    const api = await signedIn(
      "owner",
      {
        "GET /v1/affiliates": () => ({ items: [affiliate("aff_1", "Maria Souza"), affiliate("aff_2", "Bruno Lima")], nextCursor: null }),
        "GET /v1/affiliates/aff_1/payout-methods": () => ({ items: [pixHint] }),
        "GET /v1/affiliates/aff_2/payout-methods": () => ({ items: bruno }),
        "PUT /v1/affiliates/aff_2/payout-methods": () => {
          bruno = [{ kind: "pix", hint: "pix cpf 123***901", updatedAt: "2026-11-23T12:00:00Z" }];
          return bruno[0];
        },
      },
      () => <PayoutMethods />,
      "/payout-methods",
    );
    const maria = (await screen.findByText("Maria Souza")).closest("tr")!;
    await within(maria).findByText("pix email mar***com");
    const brunoRow = screen.getByText("Bruno Lima").closest("tr")!;
    await within(brunoRow).findByText("None on file");

    fireEvent.click(within(brunoRow).getByRole("button", { name: "Payout method for Bruno Lima" }));
    const form = screen.getByRole("form", { name: "Payout method for Bruno Lima" });
    expect(document.activeElement).toBe(within(form).getByLabelText("Kind"));
    fireEvent.change(within(form).getByLabelText("Key type"), { target: { value: "cpf" } });
    fireEvent.input(within(form).getByLabelText("PIX key"), { target: { value: " 12345678901 " } });
    fireEvent.submit(form);

    expect((await within(form).findByRole("status")).textContent).toBe("Saved: pix cpf 123***901.");
    expect(api.calls.find((c) => c.method === "PUT")).toMatchObject({ path: "/v1/affiliates/aff_2/payout-methods", body: { kind: "pix", keyType: "cpf", key: "12345678901" } });
    await within(brunoRow).findByText("pix cpf 123***901");
  });

  it("shows the API's field error under the field and in the problem notice", async () => {
    await signedIn(
      "admin",
      {
        "GET /v1/affiliates": () => ({ items: [affiliate("aff_1", "Maria Souza")], nextCursor: null }),
        "GET /v1/affiliates/aff_1/payout-methods": () => ({ items: [] }),
        "PUT /v1/affiliates/aff_1/payout-methods": () =>
          Response.json(
            { title: "Bad Request", code: "validation_failed", status: 400, detail: "The request is not valid.", errors: [{ pointer: "/body/accountId", detail: "expected a Stripe account id (acct_...)" }] },
            { status: 400, headers: { "content-type": "application/problem+json" } },
          ),
      },
      () => <PayoutMethods />,
      "/payout-methods",
    );
    fireEvent.click(await screen.findByRole("button", { name: "Payout method for Maria Souza" }));
    const form = screen.getByRole("form", { name: "Payout method for Maria Souza" });
    fireEvent.change(within(form).getByLabelText("Kind"), { target: { value: "stripe_connect" } });
    const input = within(form).getByLabelText("Stripe account id (acct_…)") as HTMLInputElement;
    fireEvent.input(input, { target: { value: "acct_1234567" } });
    fireEvent.submit(form);

    const alert = await within(form).findByRole("alert");
    expect(alert.textContent).toContain("Bad Request");
    expect(alert.textContent).toContain("accountId: expected a Stripe account id (acct_...)");
    await waitFor(() => expect(input.getAttribute("aria-invalid")).toBe("true"));
  });

  it("lets roles without payouts:write see the methods but not set them", async () => {
    await signedIn(
      "analyst",
      {
        "GET /v1/affiliates": () => ({ items: [affiliate("aff_1", "Maria Souza")], nextCursor: null }),
        "GET /v1/affiliates/aff_1/payout-methods": () => ({ items: [pixHint] }),
      },
      () => <PayoutMethods />,
      "/payout-methods",
    );
    await screen.findByText("pix email mar***com");
    expect(screen.queryByRole("button", { name: /Payout method for/ })).toBeNull();
  });
});

describe("payout method in the affiliate portal", () => {
  it("shows the affiliate's own methods and saves a PayPal email for itself", async () => {
    let mine: unknown[] = [];
    const api = await signedIn(
      "affiliate",
      {
        "GET /v1/affiliates/aff_2/payout-methods": () => ({ items: mine }),
        "PUT /v1/affiliates/aff_2/payout-methods": () => {
          mine = [{ kind: "paypal", hint: "paypal bru***com", updatedAt: "2026-11-23T12:00:00Z" }];
          return mine[0];
        },
      },
      () => <PortalPayoutMethod />,
      "/portal/payout-method",
    );
    await screen.findByText("You have no payout method yet: add one so the shop can pay you.");
    const form = screen.getByRole("form", { name: "Save payout method" });
    fireEvent.change(within(form).getByLabelText("Kind"), { target: { value: "paypal" } });
    fireEvent.input(within(form).getByLabelText("PayPal email"), { target: { value: "bruno@example.com" } });
    fireEvent.submit(form);

    await screen.findByText("paypal bru***com", { selector: "code" });
    expect(api.calls.find((c) => c.method === "PUT")).toMatchObject({ path: "/v1/affiliates/aff_2/payout-methods", body: { kind: "paypal", email: "bruno@example.com" } });
  });
});
