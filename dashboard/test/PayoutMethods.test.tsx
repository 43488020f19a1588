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

/** GET /v1/payout-methods answering `pages` in turn, by cursor: the page must read them all. */
const methodPages = (...pages: unknown[][]): Handler => (req) => {
  const at = Number(new URL(req.url).searchParams.get("cursor")?.slice(-1) ?? 0);
  return { items: pages[at], nextCursor: at + 1 < pages.length ? `pym_0000000000000000000000000${at + 1}` : null };
};
const methodCalls = (api: Awaited<ReturnType<typeof signedIn>>) => api.calls.filter((c) => c.method === "GET" && c.path.includes("payout-methods"));

describe("payout methods page (merchant)", () => {
  it("reads every affiliate's methods from the paged list, not once per affiliate, and sets a PIX key for one, updating its row", async () => {
    const api = await signedIn(
      "owner",
      {
        "GET /v1/affiliates": () => ({ items: [affiliate("aff_1", "Maria Souza"), affiliate("aff_2", "Bruno Lima"), affiliate("aff_3", "Carla Dias")], nextCursor: null }),
        "GET /v1/payout-methods": methodPages(
          [{ affiliateId: "aff_1", ...pixHint }, { affiliateId: "aff_3", kind: "paypal", hint: "paypal car***com", updatedAt: "2026-11-21T12:00:00Z" }],
          [{ affiliateId: "aff_1", kind: "bank", hint: "bank 001 ***890", updatedAt: "2026-11-22T12:00:00Z" }],
        ),
        "PUT /v1/affiliates/aff_2/payout-methods": () => ({ kind: "pix", hint: "pix cpf 123***901", updatedAt: "2026-11-23T12:00:00Z" }),
      },
      () => <PayoutMethods />,
      "/payout-methods",
    );
    const maria = (await screen.findByText("Maria Souza")).closest("tr")!;
    await within(maria).findByText("pix email mar***com");
    // Maria's second method came on the list's second page.
    expect(within(maria).getByText("bank 001 ***890")).toBeTruthy();
    expect(within(screen.getByText("Carla Dias").closest("tr")!).getByText("paypal car***com")).toBeTruthy();
    const brunoRow = screen.getByText("Bruno Lima").closest("tr")!;
    expect(within(brunoRow).getByText("None on file")).toBeTruthy();
    expect(methodCalls(api).map((c) => [c.path, new URLSearchParams(c.search).get("cursor")])).toEqual([
      ["/v1/payout-methods", null],
      ["/v1/payout-methods", "pym_00000000000000000000000001"],
    ]);

    fireEvent.click(within(brunoRow).getByRole("button", { name: "Payout method for Bruno Lima" }));
    const form = screen.getByRole("form", { name: "Payout method for Bruno Lima" });
    expect(document.activeElement).toBe(within(form).getByLabelText("Kind"));
    fireEvent.change(within(form).getByLabelText("Key type"), { target: { value: "cpf" } });
    fireEvent.input(within(form).getByLabelText("PIX key"), { target: { value: " 12345678901 " } });
    fireEvent.submit(form);

    expect((await within(form).findByRole("status")).textContent).toBe("Saved: pix cpf 123***901.");
    expect(api.calls.find((c) => c.method === "PUT")).toMatchObject({ path: "/v1/affiliates/aff_2/payout-methods", body: { kind: "pix", keyType: "cpf", key: "12345678901" } });
    // The same row shows the saved method, from the PUT's answer: nothing is read again.
    await within(brunoRow).findByText("pix cpf 123***901");
    expect(brunoRow.isConnected).toBe(true);
    expect(methodCalls(api)).toHaveLength(2);
  });

  it("replaces the affiliate's method of the saved kind in its place", async () => {
    await signedIn(
      "owner",
      {
        "GET /v1/affiliates": () => ({ items: [affiliate("aff_1", "Maria Souza")], nextCursor: null }),
        "GET /v1/payout-methods": methodPages([{ affiliateId: "aff_1", ...pixHint }, { affiliateId: "aff_1", kind: "paypal", hint: "paypal mar***com", updatedAt: "2026-11-21T12:00:00Z" }]),
        "PUT /v1/affiliates/aff_1/payout-methods": () => ({ kind: "pix", hint: "pix cpf 123***901", updatedAt: "2026-11-23T12:00:00Z" }),
      },
      () => <PayoutMethods />,
      "/payout-methods",
    );
    const maria = (await screen.findByText("Maria Souza")).closest("tr")!;
    await within(maria).findByText("pix email mar***com");
    fireEvent.click(within(maria).getByRole("button", { name: "Payout method for Maria Souza" }));
    const form = screen.getByRole("form", { name: "Payout method for Maria Souza" });
    fireEvent.change(within(form).getByLabelText("Key type"), { target: { value: "cpf" } });
    fireEvent.input(within(form).getByLabelText("PIX key"), { target: { value: "12345678901" } });
    fireEvent.submit(form);
    await within(maria).findByText("pix cpf 123***901");
    expect(within(maria).getAllByRole("listitem").map((li) => li.querySelector("code")?.textContent)).toEqual(["pix cpf 123***901", "paypal mar***com"]);
  });

  it("shows the list's error with a retry that reads it again", async () => {
    let fail = true;
    await signedIn(
      "owner",
      {
        "GET /v1/affiliates": () => ({ items: [affiliate("aff_1", "Maria Souza")], nextCursor: null }),
        "GET /v1/payout-methods": (req) =>
          fail
            ? Response.json({ title: "Service Unavailable", code: "unavailable", status: 503, detail: "The database is busy." }, { status: 503, headers: { "content-type": "application/problem+json" } })
            : methodPages([{ affiliateId: "aff_1", ...pixHint }])(req, undefined),
      },
      () => <PayoutMethods />,
      "/payout-methods",
    );
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Something went wrong: The database is busy.");
    fail = false;
    fireEvent.click(within(alert).getByRole("button", { name: "Try again" }));
    await screen.findByText("pix email mar***com");
  });

  it("shows the API's field error under the field and in the problem notice", async () => {
    await signedIn(
      "admin",
      {
        "GET /v1/affiliates": () => ({ items: [affiliate("aff_1", "Maria Souza")], nextCursor: null }),
        "GET /v1/payout-methods": methodPages([]),
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
        "GET /v1/payout-methods": methodPages([{ affiliateId: "aff_1", ...pixHint }]),
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
