import { fireEvent, screen, waitFor } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import { SignIn } from "../src/pages/SignIn";
import { fakeApi, renderPage } from "./render";

const session = { tokenType: "Bearer", accessToken: "jwt-1", expiresIn: 900, refreshToken: "rt-1", user: { id: "usr_1", tenantId: "tnt_1", email: "dona@demo.example", name: "Dona", role: "owner", affiliateId: null } };

async function fill(email: string, password: string) {
  fireEvent.input(await screen.findByLabelText("E-mail"), { target: { value: email } });
  fireEvent.input(screen.getByLabelText("Senha"), { target: { value: password } });
  fireEvent.click(screen.getByRole("button", { name: "Entrar" }));
}

describe("sign-in page", () => {
  it("signs in, keeping the access token in memory and the refresh token for the tab", async () => {
    const api = fakeApi({ "POST /v1/auth/login": () => session });
    const page = renderPage(() => <SignIn />, { api, location: "/sign-in" });
    await fill("dona@demo.example", "indica-demo");
    await waitFor(() => expect(page.session.user()?.role).toBe("owner"));
    expect(api.calls[0]).toMatchObject({ method: "POST", path: "/v1/auth/login", body: { email: "dona@demo.example", password: "indica-demo" } });
    expect(await page.session.accessToken()).toBe("jwt-1");
  });

  it("says so when the password is wrong, as an alert tied to the form", async () => {
    const api = fakeApi({ "POST /v1/auth/login": () => Response.json({ title: "Unauthorized", code: "unauthorized", detail: "Invalid credentials" }, { status: 401 }) });
    renderPage(() => <SignIn />, { api, location: "/sign-in" });
    await fill("dona@demo.example", "nope");
    expect((await screen.findByRole("alert")).textContent).toBe("E-mail e senha não correspondem a uma conta.");
    expect(screen.getByRole("button", { name: "Entrar" })).not.toHaveProperty("disabled", true);
  });
});

describe("sign-in page, accounts at several merchants", () => {
  it("asks which shop when the email and password fit accounts at several, and signs in with its slug", async () => {
    const several = "This account exists at several merchants: send the merchant's slug as `tenant`.";
    const api = fakeApi({
      "POST /v1/auth/login": (_req, body) =>
        (body as { tenant?: string }).tenant === "loja-da-ana"
          ? session
          : Response.json({ title: "Invalid", status: 400, code: "validation_failed", detail: several, errors: [{ pointer: "/body/tenant", detail: several }] }, { status: 400 }),
    });
    const page = renderPage(() => <SignIn />, { api, location: "/sign-in", locale: "en" });
    fireEvent.input(await screen.findByLabelText("Email"), { target: { value: "bea@x.example" } });
    fireEvent.input(screen.getByLabelText("Password"), { target: { value: "a-long-password" } });
    expect(screen.queryByLabelText(/Shop's account name/)).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect((await screen.findByRole("alert")).textContent).toBe("You have accounts at several shops: say which one.");
    fireEvent.input(screen.getByLabelText(/Shop's account name/), { target: { value: " loja-da-ana " } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await waitFor(() => expect(page.session.user()?.role).toBe("owner"));
    expect(api.calls.at(-1)?.body).toEqual({ email: "bea@x.example", password: "a-long-password", tenant: "loja-da-ana" });
  });

  it("offers the shops the API lists (only those the password opens) as a choice, and signs in with the chosen slug", async () => {
    const several = "This email and password fit accounts at several merchants (minha-loja-7w49e, minha-loja-txhh2): send one's slug as `tenant`.";
    const tenants = [{ slug: "minha-loja-7w49e", name: "Minha Loja" }, { slug: "minha-loja-txhh2", name: "Minha Loja" }];
    const api = fakeApi({
      "POST /v1/auth/login": (_req, body) =>
        (body as { tenant?: string }).tenant === "minha-loja-txhh2"
          ? session
          : Response.json({ title: "Invalid", status: 400, code: "validation_failed", detail: several, errors: [{ pointer: "/body/tenant", detail: several }], tenants }, { status: 400 }),
    });
    const page = renderPage(() => <SignIn />, { api, location: "/sign-in", locale: "en" });
    fireEvent.input(await screen.findByLabelText("Email"), { target: { value: "eu@loja.example" } });
    fireEvent.input(screen.getByLabelText("Password"), { target: { value: "a-long-password" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect((await screen.findByRole("alert")).textContent).toBe("You have accounts at several shops: say which one.");
    const shop = screen.getByLabelText(/Shop's account name/) as HTMLSelectElement;
    expect(shop.tagName).toBe("SELECT");
    expect([...shop.options].map((o) => [o.value, o.textContent])).toEqual([
      ["minha-loja-7w49e", "Minha Loja (minha-loja-7w49e)"],
      ["minha-loja-txhh2", "Minha Loja (minha-loja-txhh2)"],
    ]);
    fireEvent.change(shop, { target: { value: "minha-loja-txhh2" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await waitFor(() => expect(page.session.user()?.role).toBe("owner"));
    expect(api.calls.at(-1)?.body).toEqual({ email: "eu@loja.example", password: "a-long-password", tenant: "minha-loja-txhh2" });
  });
});
