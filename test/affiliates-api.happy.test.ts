/**
 * Affiliates on the happy path: invite → accept → the affiliate sees its campaign; applications and
 * decisions; suspension stopping tracking on the affiliate's links at the edge, and reactivation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSER_UA, callApi, clicksOf, waitForClicks } from "./helpers/api";
import { bodyOf, newAffiliate, newCampaign, programApi, waitForCachedLink } from "./helpers/programs";
import { seedTestProgram, startTestStack, TEST_LINK_DOMAIN, type TestStack } from "./helpers/stack";

let stack: TestStack;
// Isolate memory caching off, so the redirect reads the KV entry the API rewrites on every click.
beforeAll(async () => {
  stack = await startTestStack({ bindings: { "indica-redirect": { LINK_MEMORY_TTL_SECONDS: "0" } } });
});
afterAll(() => stack?.close());

const click = (code: string) => stack.fetch("indica-redirect", `https://${TEST_LINK_DOMAIN}/${code}`, { headers: { "user-agent": BROWSER_UA } });

describe("inviting an affiliate", () => {
  it("invite → accept-invite → the affiliate signs in and sees only its campaign, without fraud settings", async () => {
    const p = await seedTestProgram(stack);
    const api = programApi(stack, p.apiKey);
    const campaign = await bodyOf(await api.post("/v1/campaigns", newCampaign("Só convidados")), 201);
    const res = await api.post("/v1/affiliates", newAffiliate({ affiliateGroup: "influencers", invite: true }));
    const created = await bodyOf(res, 201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(created).toMatchObject({ status: "active", affiliateGroup: "influencers", invite: { token: expect.stringMatching(/^inv_[0-9a-f]{64}$/) } });
    expect(Date.parse(created.invite.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    const { rows } = await stack.db.query("SELECT role, affiliate_id, invite_hash, password_hash FROM users WHERE id = $1", [created.invite.userId]);
    expect(rows[0]).toMatchObject({ role: "affiliate", affiliate_id: created.id, password_hash: null });
    expect(rows[0].invite_hash).not.toContain(created.invite.token.slice(4));

    const member = await bodyOf(await api.post(`/v1/campaigns/${campaign.id}/applications`, { affiliateId: created.id }), 201);
    expect(member).toMatchObject({ affiliateId: created.id, status: "approved" });

    const session = await bodyOf(await callApi(stack, "POST", "/v1/auth/accept-invite", { body: { token: created.invite.token, password: "uma senha bem comprida" } }), 200);
    expect(session.user).toMatchObject({ role: "affiliate", affiliateId: created.id });
    const mine = await bodyOf(await programApi(stack, session.accessToken).get("/v1/campaigns"), 200);
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ id: campaign.id, membershipStatus: "approved" });
    expect(mine.items[0]).not.toHaveProperty("fraudSettings");
  });
});

describe("applications", () => {
  it("an affiliate applies (pending), the merchant approves, then rejects", async () => {
    const p = await seedTestProgram(stack);
    const merchant = programApi(stack, p.apiKey);
    const campaign = await bodyOf(await merchant.post("/v1/campaigns", newCampaign()), 201);
    const affiliate = await bodyOf(await merchant.post("/v1/affiliates", newAffiliate({ invite: true })), 201);
    const session = await bodyOf(await callApi(stack, "POST", "/v1/auth/accept-invite", { body: { token: affiliate.invite.token, password: "outra senha comprida" } }), 200);
    const me = programApi(stack, session.accessToken);
    const apply = `/v1/campaigns/${campaign.id}/applications`;

    expect(await bodyOf(await me.post(apply), 201)).toMatchObject({ affiliateId: affiliate.id, status: "pending" });
    expect(await bodyOf(await me.post(apply, { affiliateId: affiliate.id }), 200)).toMatchObject({ status: "pending" });
    expect(await bodyOf(await me.get(`/v1/campaigns/${campaign.id}`), 200)).toMatchObject({ membershipStatus: "pending" });
    const pending = await bodyOf(await merchant.get(`/v1/campaigns/${campaign.id}/affiliates?status=pending`), 200);
    expect(pending.items).toEqual([expect.objectContaining({ affiliateId: affiliate.id, affiliateName: affiliate.name, status: "pending" })]);

    expect(await bodyOf(await merchant.post(`/v1/campaigns/${campaign.id}/affiliates/${affiliate.id}/approve`), 200)).toMatchObject({ status: "approved" });
    expect(await bodyOf(await me.get(`/v1/campaigns/${campaign.id}`), 200)).toMatchObject({ membershipStatus: "approved" });
    expect(await bodyOf(await merchant.post(`/v1/campaigns/${campaign.id}/affiliates/${affiliate.id}/reject`), 200)).toMatchObject({ status: "rejected" });
    expect((await me.get(`/v1/campaigns/${campaign.id}`)).status).toBe(404);
    expect((await me.post(apply)).status).toBe(409);
  });
});

describe("GET and PATCH /v1/affiliates", () => {
  it("filters by status and group, approves a pending affiliate and regroups it", async () => {
    const p = await seedTestProgram(stack);
    const api = programApi(stack, p.apiKey);
    const pending = await bodyOf(await api.post("/v1/affiliates", newAffiliate({ status: "pending", affiliateGroup: "vip" })), 201);
    await bodyOf(await api.post("/v1/affiliates", newAffiliate({ affiliateGroup: "vip" })), 201);
    expect((await bodyOf(await api.get("/v1/affiliates?status=pending"), 200)).items.map((a: { id: string }) => a.id)).toEqual([pending.id]);
    const vip = await bodyOf(await api.get("/v1/affiliates?group=vip&limit=1"), 200);
    expect(vip.items.map((a: { id: string }) => a.id)).toEqual([pending.id]);
    expect((await bodyOf(await api.get(`/v1/affiliates?group=vip&cursor=${vip.nextCursor}`), 200)).items).toHaveLength(1);

    const approved = await bodyOf(await api.patch(`/v1/affiliates/${pending.id}`, { status: "active", affiliateGroup: null, name: "Ana L." }), 200);
    expect(approved).toMatchObject({ status: "active", affiliateGroup: null, name: "Ana L." });
    expect(await bodyOf(await api.get(`/v1/affiliates/${pending.id}`), 200)).toEqual(approved);
  });
});

describe("suspending an affiliate", () => {
  it("stops tracking on its links at the edge, and reactivating starts it again", async () => {
    const p = await seedTestProgram(stack);
    const api = programApi(stack, p.apiKey);
    expect((await click(p.code)).status).toBe(302);
    await waitForClicks(stack, p.tenantId, 1); // the redirect has now cached the link as active

    await bodyOf(await api.patch(`/v1/affiliates/${p.affiliateId}`, { status: "suspended" }), 200);
    await waitForCachedLink(stack, p.code, (r) => r.affiliateStatus === "suspended", "the suspension in the link cache");
    const untracked = await click(p.code);
    expect(untracked.status).toBe(302);
    expect(new URL(untracked.headers.get("location")!).searchParams.has("indica_cid")).toBe(false);

    await bodyOf(await api.patch(`/v1/affiliates/${p.affiliateId}`, { status: "active" }), 200);
    await waitForCachedLink(stack, p.code, (r) => r.affiliateStatus === "active", "the reactivation in the link cache");
    const tracked = await click(p.code);
    expect(new URL(tracked.headers.get("location")!).searchParams.get("indica_cid")).toMatch(/^clk_/);
    // Two clicks recorded: the one before the suspension and the one after the reactivation.
    const rows = await waitForClicks(stack, p.tenantId, 2);
    expect(rows.map((r) => r.id)).toContain(new URL(tracked.headers.get("location")!).searchParams.get("indica_cid"));
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await clicksOf(stack, p.tenantId)).toHaveLength(2);
  });
});
