import { screen, waitFor } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import { GetStarted } from "../src/pages/merchant/GetStarted";
import { fakeApi, renderPage } from "./render";

const campaigns = (items: object[]) => () => ({ items, nextCursor: null });

describe("get-started panel", () => {
  it("guides a merchant with no campaign through the four steps, each a link to its page", async () => {
    renderPage(() => <GetStarted />, { api: fakeApi({ "GET /v1/campaigns": campaigns([]) }), location: "/overview", locale: "en" });
    const steps = await screen.findAllByRole("listitem");
    expect(steps.map((s) => [s.textContent, s.querySelector("a")?.getAttribute("href")])).toEqual([
      ["Create a campaign", "/campaigns/new"],
      ["Invite an affiliate", "/affiliates"],
      ["Make a link for them", "/links"],
      ["Add the tracking snippet to your shop", "/settings"],
    ]);
    expect(screen.getByRole("heading", { name: "Get started" })).toBeTruthy();
  });

  it("stays away once there is a campaign, and when the list cannot be read", async () => {
    const withOne = fakeApi({ "GET /v1/campaigns": campaigns([{ id: "cmp_1", name: "Verão", status: "archived" }]) });
    renderPage(() => <GetStarted />, { api: withOne, location: "/overview", locale: "en" });
    await waitFor(() => expect(withOne.calls).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByText("Get started")).toBeNull();

    const failing = fakeApi({});
    renderPage(() => <GetStarted />, { api: failing, location: "/overview", locale: "en" });
    await waitFor(() => expect(failing.calls).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByText("Get started")).toBeNull();
  });
});
