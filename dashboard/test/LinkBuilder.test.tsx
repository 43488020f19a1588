import { fireEvent, screen } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import { LinkBuilder } from "../src/links/LinkBuilder";
import { fakeApi, renderPage } from "./render";

const campaign = (membershipStatus: string | null) => ({ id: "cmp_1", name: "Verão", status: "active", membershipStatus });

describe("link builder", () => {
  it("tells an affiliate who is in no campaign yet why no link can be made, instead of a button that does nothing", async () => {
    const api = fakeApi({ "GET /v1/campaigns": () => ({ items: [], nextCursor: null }) });
    renderPage(() => <LinkBuilder audience="affiliate" onCreated={() => {}} />, { api, locale: "en" });
    expect((await screen.findByRole("status")).textContent).toBe("You are not in any campaign yet: ask the shop to add you to one, then make your links here.");
    expect((screen.getByRole("button", { name: "Make link" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("tells a merchant with no active campaign to make one first", async () => {
    const api = fakeApi({ "GET /v1/campaigns": () => ({ items: [], nextCursor: null }), "GET /v1/affiliates": () => ({ items: [], nextCursor: null }) });
    renderPage(() => <LinkBuilder audience="merchant" onCreated={() => {}} />, { api, locale: "en" });
    expect((await screen.findByRole("status")).textContent).toBe("No active campaign yet: create one under Campaigns first.");
  });

  it("lets an approved member make a link", async () => {
    const api = fakeApi({
      "GET /v1/campaigns": () => ({ items: [campaign("approved")], nextCursor: null }),
      "POST /v1/links": () => ({ id: "lnk_1", url: "http://localhost:8787/abc", code: "abc" }),
    });
    renderPage(() => <LinkBuilder audience="affiliate" onCreated={() => {}} />, { api, locale: "en" });
    await screen.findByRole("option", { name: "Verão" });
    expect(screen.queryByRole("status")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Make link" }));
    expect(((await screen.findByLabelText("Your link")) as HTMLInputElement).value).toBe("http://localhost:8787/abc");
    expect(api.calls.find((c) => c.method === "POST")?.body).toEqual({ campaignId: "cmp_1", subIds: {} });
  });
});
