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

  it("shows the allowed hosts as the deep link's hint, and the API's refusal under the field", async () => {
    const refusal = "evil.example is not one of the merchant's sites. Links may send shoppers to loja.example (and their subdomains).";
    const api = fakeApi({
      "GET /v1/campaigns": () => ({ items: [campaign("approved")], nextCursor: null }),
      "GET /v1/links/destination-hosts": () => ({ hosts: ["loja.example", "loja.marketplace.example"] }),
      "POST /v1/links": () => Response.json({ status: 422, code: "unprocessable", title: "Request cannot be processed", detail: refusal, errors: [{ pointer: "/body/destinationUrl", detail: refusal }] }, { status: 422 }),
    });
    renderPage(() => <LinkBuilder audience="affiliate" onCreated={() => {}} />, { api, locale: "en" });
    await screen.findByText(/Allowed sites: loja\.example, loja\.marketplace\.example \(and their subdomains\), over https\. For another site, ask the shop to add it\./);
    const deepLink = screen.getByLabelText("Deep link (optional)") as HTMLInputElement;
    fireEvent.input(deepLink, { target: { value: "https://evil.example/phish" } });
    fireEvent.click(screen.getByRole("button", { name: "Make link" }));
    expect((await screen.findByText(refusal)).className).toBe("field-error");
    expect(deepLink.getAttribute("aria-invalid")).toBe("true");
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
