import { screen, waitFor } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import { Layout } from "../src/ui/Layout";
import { fakeApi, renderPage } from "./render";

const signedInAs = (role: string) => ({
  tokenType: "Bearer", accessToken: "jwt-1", expiresIn: 900, refreshToken: "rt-1",
  user: { id: "usr_1", tenantId: "tnt_1", email: "x@demo.example", name: null, role, affiliateId: role === "affiliate" ? "aff_1" : null },
});

describe("navigation", () => {
  it("offers Reports to merchant roles that may read reports, not to affiliates", async () => {
    for (const [role, shown] of [["analyst", true], ["affiliate_manager", true], ["affiliate", false]] as const) {
      const page = renderPage(() => <Layout><p>page</p></Layout>, { api: fakeApi({ "POST /v1/auth/login": () => signedInAs(role) }), location: "/overview", locale: "en" });
      await page.session.signIn("x@demo.example", "secret-secret");
      await waitFor(() => expect(screen.getAllByRole("link").length).toBeGreaterThan(1));
      expect(screen.queryByRole("link", { name: "Reports" }) !== null, role).toBe(shown);
      page.unmount();
    }
  });

  it("offers Failed events to merchant roles that may read orders, not to affiliates", async () => {
    for (const [role, shown] of [["owner", true], ["analyst", true], ["affiliate_manager", true], ["affiliate", false]] as const) {
      const page = renderPage(() => <Layout><p>page</p></Layout>, { api: fakeApi({ "POST /v1/auth/login": () => signedInAs(role) }), location: "/overview", locale: "en" });
      await page.session.signIn("x@demo.example", "secret-secret");
      await waitFor(() => expect(screen.getAllByRole("link").length).toBeGreaterThan(1));
      expect(screen.queryByRole("link", { name: "Failed events" }) !== null, role).toBe(shown);
      page.unmount();
    }
  });

  it("offers Privacy only to owners and admins", async () => {
    for (const [role, shown] of [["owner", true], ["admin", true], ["analyst", false], ["affiliate_manager", false], ["affiliate", false]] as const) {
      const page = renderPage(() => <Layout><p>page</p></Layout>, { api: fakeApi({ "POST /v1/auth/login": () => signedInAs(role) }), location: "/overview", locale: "en" });
      await page.session.signIn("x@demo.example", "secret-secret");
      await waitFor(() => expect(screen.getAllByRole("link").length).toBeGreaterThan(1));
      expect(screen.queryByRole("link", { name: "Privacy" }) !== null, role).toBe(shown);
      page.unmount();
    }
  });

  it("offers Payout batches only to roles that may write payouts, Payout methods to every merchant role, and affiliates their own", async () => {
    const expected = {
      owner: { "Payout batches": true, "Payout methods": true, "Payout method": false },
      admin: { "Payout batches": true, "Payout methods": true, "Payout method": false },
      analyst: { "Payout batches": false, "Payout methods": true, "Payout method": false },
      affiliate_manager: { "Payout batches": false, "Payout methods": true, "Payout method": false },
      affiliate: { "Payout batches": false, "Payout methods": false, "Payout method": true },
    };
    for (const [role, links] of Object.entries(expected)) {
      const page = renderPage(() => <Layout><p>page</p></Layout>, { api: fakeApi({ "POST /v1/auth/login": () => signedInAs(role) }), location: "/overview", locale: "en" });
      await page.session.signIn("x@demo.example", "secret-secret");
      await waitFor(() => expect(screen.getAllByRole("link").length).toBeGreaterThan(1));
      for (const [name, shown] of Object.entries(links)) expect(screen.queryByRole("link", { name }) !== null, `${role}: ${name}`).toBe(shown);
      page.unmount();
    }
  });
});
