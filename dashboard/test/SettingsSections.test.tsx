import { fireEvent, screen, waitFor } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import { Domains } from "../src/pages/settings/Domains";
import { InstallCheck } from "../src/pages/settings/InstallCheck";
import { Team } from "../src/pages/settings/Team";
import { fakeApi, renderPage } from "./render";

const domain = (verifiedAt: string | null) => ({
  id: "dom_1", hostname: "go.loja.com.br", isLinkDomain: true, verifiedAt, createdAt: "2026-11-01T00:00:00Z",
  verification: { url: "https://go.loja.com.br/.well-known/indica-verification.txt", token: "indica-verification=abc123" },
});
const user = (id: string, email: string, extra = {}) => ({
  id, email, name: null, role: "analyst", status: "active", invitePending: false, affiliateId: null, lastLoginAt: null, createdAt: "2026-11-01T00:00:00Z", ...extra,
});

describe("domains section", () => {
  it("adds a domain, shows how to verify it, verifies and removes it", async () => {
    let rows: ReturnType<typeof domain>[] = [];
    const api = fakeApi({
      "GET /v1/domains": () => ({ items: rows, nextCursor: null }),
      "POST /v1/domains": () => (rows = [domain(null)])[0],
      "POST /v1/domains/dom_1/verify": () => (rows = [domain("2026-11-23T00:00:00Z")])[0],
      "DELETE /v1/domains/dom_1": () => ((rows = []), domain(null)),
    });
    renderPage(() => <Domains />, { api, locale: "en" });
    await screen.findByText("No domains yet.");
    fireEvent.input(screen.getByLabelText("Hostname"), { target: { value: " go.loja.com.br " } });
    fireEvent.click(screen.getByRole("button", { name: "Add domain" }));
    expect(await screen.findByText(/Serve a file at https:\/\/go.loja.com.br\/.well-known\/indica-verification.txt/)).toBeTruthy();
    expect((screen.getByLabelText("Verification line") as HTMLInputElement).value).toBe("indica-verification=abc123");
    expect(api.calls.find((c) => c.method === "POST")?.body).toEqual({ hostname: "go.loja.com.br", isLinkDomain: true });

    fireEvent.click(screen.getByRole("button", { name: "Verify" }));
    expect((await screen.findByRole("status")).textContent).toBe("Domain verified.");
    await waitFor(() => expect(screen.queryByRole("button", { name: "Verify" })).toBeNull());
    fireEvent.click(screen.getByRole("button", { name: "Remove" }));
    await screen.findByText("No domains yet.");
  });

  it("shows the API's reason when verification fails", async () => {
    const api = fakeApi({
      "GET /v1/domains": () => ({ items: [domain(null)], nextCursor: null }),
      "POST /v1/domains/dom_1/verify": () => Response.json({ title: "Unprocessable", code: "unprocessable", detail: "The file does not contain the line." }, { status: 422 }),
    });
    renderPage(() => <Domains />, { api, locale: "en" });
    fireEvent.click(await screen.findByRole("button", { name: "Verify" }));
    expect((await screen.findByRole("alert")).textContent).toContain("The file does not contain the line.");
  });
});

describe("install check", () => {
  it("lists what was found and what is wrong", async () => {
    const api = fakeApi({ "POST /v1/tenant/install-check": () => ({ found: true, siteIdMatches: false, scriptReachable: true, details: ["The snippet's data-site is \"x\"."] }) });
    renderPage(() => <InstallCheck />, { api });
    fireEvent.input(screen.getByLabelText("Uma página da sua loja"), { target: { value: "https://loja.com.br/" } });
    fireEvent.click(screen.getByRole("button", { name: "Verificar" }));
    const status = await screen.findByRole("status");
    expect(status.textContent).toContain("Id do site confere: não");
    expect(status.textContent).toContain("The snippet's data-site is \"x\".");
    expect(api.calls[0].body).toEqual({ url: "https://loja.com.br/" });
  });
});

describe("team section", () => {
  it("invites with a role and shows the invitation link once; disables a member; loads more", async () => {
    const api = fakeApi({
      "GET /v1/users": (req) =>
        new URL(req.url).searchParams.get("cursor") === "usr_1"
          ? { items: [user("usr_2", "b@loja.com.br")], nextCursor: null }
          : { items: [user("usr_1", "a@loja.com.br")], nextCursor: "usr_1" },
      "POST /v1/users": () => ({ user: user("usr_3", "c@loja.com.br", { invitePending: true }), inviteToken: "tok en", inviteExpiresAt: "2026-11-30T00:00:00Z" }),
      "PATCH /v1/users/usr_1": () => user("usr_1", "a@loja.com.br", { status: "disabled" }),
    });
    renderPage(() => <Team />, { api, locale: "en" });
    await screen.findByText("a@loja.com.br");
    fireEvent.click(screen.getByRole("button", { name: "Load more" }));
    await screen.findByText("b@loja.com.br");
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();

    fireEvent.input(screen.getByLabelText("Email"), { target: { value: "c@loja.com.br" } });
    fireEvent.change(screen.getByLabelText("Role"), { target: { value: "admin" } });
    fireEvent.click(screen.getByRole("button", { name: "Invite" }));
    const link = (await screen.findByLabelText("Invitation link")) as HTMLInputElement;
    expect(link.value).toMatch(/\/accept-invite#token=tok%20en$/);
    expect(api.calls.find((c) => c.method === "POST")?.body).toEqual({ email: "c@loja.com.br", role: "admin" });

    fireEvent.click(screen.getAllByRole("button", { name: "Disable" })[0]);
    await waitFor(() => expect(api.calls.some((c) => c.method === "PATCH" && JSON.stringify(c.body) === '{"status":"disabled"}')).toBe(true));
  });

  it("says a member is active and when they last signed in, rather than a bare date under Status", async () => {
    const api = fakeApi({ "GET /v1/users": () => ({ items: [user("usr_1", "a@loja.com.br", { lastLoginAt: "2026-11-23T12:00:00Z" }), user("usr_2", "b@loja.com.br")], nextCursor: null }) });
    renderPage(() => <Team />, { api, locale: "en" });
    const status = async (email: string) => [...(await screen.findByText(email)).closest("tr")!.querySelectorAll("td")][1].textContent;
    expect(await status("a@loja.com.br")).toBe("Active, last signed in Nov 23, 2026");
    expect(await status("b@loja.com.br")).toBe("Active");
  });
});
