import { fireEvent, screen, waitFor } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import { SignUp } from "../src/pages/SignUp";
import { fakeApi, renderPage, type Handler } from "./render";

const tenant = { id: "tnt_9", slug: "minha-loja-7w49e", name: "Minha Loja" };
const session = { tokenType: "Bearer", accessToken: "jwt-9", expiresIn: 900, refreshToken: "rt-9", tenant, user: { id: "usr_9", tenantId: "tnt_9", email: "eu@loja.example", name: null, role: "owner", affiliateId: null } };

async function signUp(handler: Handler, fields: { password?: string; slug?: string } = {}) {
  const api = fakeApi({ "POST /v1/auth/signup": handler });
  const page = renderPage(() => <SignUp />, { api, location: "/signup", locale: "en" });
  fireEvent.input(await screen.findByLabelText("Shop name"), { target: { value: " Minha Loja " } });
  fireEvent.input(screen.getByLabelText("Email"), { target: { value: "eu@loja.example" } });
  fireEvent.input(screen.getByLabelText("Password"), { target: { value: fields.password ?? "a-long-password" } });
  if (fields.slug) fireEvent.input(screen.getByLabelText("Short name (optional)"), { target: { value: fields.slug } });
  fireEvent.click(screen.getByRole("button", { name: "Create account" }));
  return { api, page };
}

/** The text of a field's error, found through the input's aria-describedby. */
function errorOf(label: string): string | undefined {
  const ids = screen.getByLabelText(label).getAttribute("aria-describedby")?.split(" ") ?? [];
  return ids.filter((id) => id.endsWith("-err")).map((id) => document.getElementById(id)?.textContent)[0] ?? undefined;
}

describe("sign-up page", () => {
  it("signs the new owner in through the session, sending no slug when none was typed", async () => {
    const { api, page } = await signUp(() => Response.json(session, { status: 201 }));
    await waitFor(() => expect(page.session.user()?.role).toBe("owner"));
    expect(api.calls[0]).toMatchObject({ method: "POST", path: "/v1/auth/signup", body: { merchantName: "Minha Loja", email: "eu@loja.example", password: "a-long-password" } });
    expect(await page.session.accessToken()).toBe("jwt-9");
  });

  it("checks the password's length before asking the API, beside the field", async () => {
    const { api } = await signUp(() => session, { password: "short" });
    await waitFor(() => expect(errorOf("Password")).toBe("Too short: use at least 10 characters."));
    expect(api.calls).toHaveLength(0);
  });

  it("shows the API's field errors beside their fields", async () => {
    const taken = { title: "Conflict", status: 409, code: "conflict", detail: "taken", errors: [{ pointer: "/body/slug", detail: "This short name is taken" }] };
    await signUp(() => Response.json(taken, { status: 409 }), { slug: "minha-loja" });
    await waitFor(() => expect(errorOf("Short name (optional)")).toBe("This short name is taken"));
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("answers a repeated sign-up with a way to sign in", async () => {
    const repeat = { title: "Conflict", status: 409, code: "conflict", detail: "You already own minha-loja", tenants: [{ slug: "minha-loja", name: "Minha Loja" }] };
    await signUp(() => Response.json(repeat, { status: 409 }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("An account for this shop already exists: sign in");
    expect(screen.getByRole("link", { name: "sign in" }).getAttribute("href")).toBe("/sign-in");
  });

  it("says plainly when the API cannot be reached", async () => {
    await signUp(() => {
      throw new TypeError("Failed to fetch");
    });
    expect((await screen.findByRole("alert")).textContent).toBe("Could not reach Indica. Check your connection and try again.");
    expect(screen.getByRole("button", { name: "Create account" })).not.toHaveProperty("disabled", true);
  });
});
