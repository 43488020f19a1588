import { fireEvent, screen, waitFor } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import { CampaignMembers } from "../src/pages/merchant/CampaignMembers";
import { fakeApi, renderPage } from "./render";

const member = { campaignId: "cmp_1", affiliateId: "aff_bea", status: "approved", affiliateName: "Bea", affiliateEmail: "bea@loja.example", affiliateStatus: "active", affiliateGroup: null, createdAt: "2026-11-23T00:00:00Z" };

describe("campaign members", () => {
  it("adds an invited affiliate to the campaign, who could not apply to a campaign they cannot see", async () => {
    let members: (typeof member)[] = [];
    const api = fakeApi({
      "GET /v1/campaigns/cmp_1/affiliates": () => ({ items: members, nextCursor: null }),
      "GET /v1/affiliates": () => ({ items: [{ id: "aff_bea", name: "Bea", status: "active" }, { id: "aff_old", name: "Old", status: "suspended" }], nextCursor: null }),
      "POST /v1/campaigns/cmp_1/applications": () => ((members = [member]), new Response(JSON.stringify(member), { status: 201, headers: { "content-type": "application/json" } })),
    });
    renderPage(() => <CampaignMembers campaignId="cmp_1" />, { api, locale: "en" });
    await screen.findByText("No affiliate has joined this campaign yet.");
    // Only active affiliates can be added.
    expect((await screen.findAllByRole("option")).map((o) => o.textContent)).toEqual(["Bea"]);
    fireEvent.click(screen.getByRole("button", { name: "Add to campaign" }));
    await screen.findByRole("rowheader", { name: /Bea/ });
    expect(api.calls.find((c) => c.method === "POST")?.body).toEqual({ affiliateId: "aff_bea" });
  });

  it("shows the API's reason when adding fails, instead of an unhandled error", async () => {
    const api = fakeApi({
      "GET /v1/campaigns/cmp_1/affiliates": () => ({ items: [], nextCursor: null }),
      "GET /v1/affiliates": () => ({ items: [{ id: "aff_bea", name: "Bea", status: "active" }], nextCursor: null }),
      "POST /v1/campaigns/cmp_1/applications": () => Response.json({ title: "Conflict", status: 409, code: "conflict", detail: "Bea was rejected from this campaign." }, { status: 409 }),
    });
    renderPage(() => <CampaignMembers campaignId="cmp_1" />, { api, locale: "en" });
    await screen.findAllByRole("option");
    fireEvent.click(screen.getByRole("button", { name: "Add to campaign" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("Bea was rejected from this campaign."));
  });
});
