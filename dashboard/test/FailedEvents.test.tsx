import { fireEvent, screen, waitFor } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import FailedEvents from "../src/pages/merchant/FailedEvents";
import { fakeApi, renderPage } from "./render";

const signedInAs = (role: string) => ({
  tokenType: "Bearer", accessToken: "jwt-1", expiresIn: 900, refreshToken: "rt-1",
  user: { id: "usr_1", tenantId: "tnt_1", email: "x@demo.example", name: null, role, affiliateId: null },
});
const failed = (id: string, eventId: string) => ({
  id, source: "queue:indica-events", eventType: "refund", eventId, reason: "refund in USD for order 1001, which is in BRL: send refunds in the order's currency",
  payload: {}, attempts: 0, createdAt: "2026-11-23T10:00:00Z", replayedAt: null,
});

describe("failed events page", () => {
  it("replays the selected pending events and shows how many, and why the others were not", async () => {
    const api = fakeApi({
      "POST /v1/auth/login": () => signedInAs("owner"),
      "GET /v1/failed-events": () => ({ items: [failed("fev_1", "r-usd"), failed("fev_2", "r-jpy")], nextCursor: null }),
      "POST /v1/failed-events/replay": () => ({ replayed: 1, ids: ["fev_1"], skipped: [{ id: "fev_2", reason: "already_replayed" }] }),
    });
    const page = renderPage(() => <FailedEvents />, { api, locale: "en" });
    await page.session.signIn("x@demo.example", "secret-secret");
    await screen.findByText("r-usd");
    expect(api.calls.find((c) => c.path === "/v1/failed-events")?.search).toContain("status=pending");
    const button = screen.getByRole("button", { name: "Replay selected (0)" }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);

    fireEvent.click(screen.getByRole("checkbox", { name: "Select r-usd" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "Select r-jpy" }));
    fireEvent.click(screen.getByRole("button", { name: "Replay selected (2)" }));

    const outcome = await screen.findByRole("status");
    expect(outcome.textContent).toContain("Replayed: 1.");
    expect(outcome.textContent).toContain("fev_2: already replayed");
    expect(api.calls.find((c) => c.method === "POST" && c.path === "/v1/failed-events/replay")?.body).toEqual({ ids: ["fev_1", "fev_2"], limit: 2 });
  });

  it("shows an analyst the list without checkboxes or the replay button", async () => {
    const api = fakeApi({
      "POST /v1/auth/login": () => signedInAs("analyst"),
      "GET /v1/failed-events": () => ({ items: [failed("fev_1", "r-usd")], nextCursor: null }),
    });
    const page = renderPage(() => <FailedEvents />, { api, locale: "en" });
    await page.session.signIn("x@demo.example", "secret-secret");
    await screen.findByText("r-usd");
    await waitFor(() => expect(screen.queryByRole("checkbox")).toBeNull());
    expect(screen.queryByRole("button", { name: /Replay selected/ })).toBeNull();
  });
});
