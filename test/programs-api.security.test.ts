/**
 * Who may touch campaigns, affiliates and memberships: other tenants' ids are 404 (and change nothing),
 * read-only roles and narrow keys get 403 on writes, and affiliate users see only their own program.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, expectProblem } from "./helpers/api";
import { createUser, signIn, tokenFor } from "./helpers/auth";
import { bodyOf, newAffiliate, newCampaign, programApi } from "./helpers/programs";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

describe("tenant isolation", () => {
  it("tenant A's key gets 404 for every id of tenant B, and B's rows stay as they were", async () => {
    const a = await seedTestProgram(stack);
    const b = await seedTestProgram(stack);
    const api = programApi(stack, a.apiKey);
    const calls = [
      api.get(`/v1/campaigns/${b.campaignId}`),
      api.patch(`/v1/campaigns/${b.campaignId}`, { status: "archived" }),
      api.get(`/v1/campaigns/${b.campaignId}/affiliates`),
      api.post(`/v1/campaigns/${b.campaignId}/applications`, { affiliateId: a.affiliateId }),
      api.post(`/v1/campaigns/${b.campaignId}/affiliates/${b.affiliateId}/reject`),
      api.post(`/v1/campaigns/${a.campaignId}/affiliates/${b.affiliateId}/reject`),
      api.get(`/v1/affiliates/${b.affiliateId}`),
      api.patch(`/v1/affiliates/${b.affiliateId}`, { status: "suspended" }),
    ];
    for (const res of await Promise.all(calls)) await expectProblem(res, 404, "not_found");
    // Naming B's affiliate in a body is refused like any unknown affiliate.
    await expectProblem(await api.post(`/v1/campaigns/${a.campaignId}/applications`, { affiliateId: b.affiliateId }), 422, "unprocessable");

    const lists = [await bodyOf(await api.get("/v1/campaigns"), 200), await bodyOf(await api.get("/v1/affiliates"), 200)];
    expect(lists.flatMap((l) => l.items.map((i: { id: string }) => i.id)).sort()).toEqual([a.affiliateId, a.campaignId].sort());
    const { rows } = await stack.db.query(
      "SELECT c.status AS campaign, f.status AS affiliate, m.status AS membership FROM campaigns c, affiliates f, campaign_memberships m WHERE c.id = $1 AND f.id = $2 AND m.campaign_id = c.id AND m.affiliate_id = f.id",
      [b.campaignId, b.affiliateId],
    );
    expect(rows).toEqual([{ campaign: "active", affiliate: "active", membership: "approved" }]);
  });
});

describe("roles and scopes", () => {
  it("an analyst reads but cannot write", async () => {
    const p = await seedTestProgram(stack);
    const api = programApi(stack, await tokenFor(stack, p.tenantId, "analyst"));
    expect((await api.get(`/v1/campaigns/${p.campaignId}`)).status).toBe(200);
    expect((await api.get("/v1/affiliates")).status).toBe(200);
    const writes = [
      api.post("/v1/campaigns", newCampaign()),
      api.patch(`/v1/campaigns/${p.campaignId}`, { status: "paused" }),
      api.post("/v1/affiliates", newAffiliate()),
      api.patch(`/v1/affiliates/${p.affiliateId}`, { status: "suspended" }),
      api.post(`/v1/campaigns/${p.campaignId}/applications`, { affiliateId: p.affiliateId }),
      api.post(`/v1/campaigns/${p.campaignId}/affiliates/${p.affiliateId}/reject`),
    ];
    for (const res of await Promise.all(writes)) await expectProblem(res, 403, "forbidden");
  });

  it("an affiliate manager runs affiliates but not campaign settings; a campaigns:read key cannot add members", async () => {
    const p = await seedTestProgram(stack);
    const manager = programApi(stack, await tokenFor(stack, p.tenantId, "affiliate_manager"));
    expect((await manager.post("/v1/affiliates", newAffiliate())).status).toBe(201);
    await expectProblem(await manager.patch(`/v1/campaigns/${p.campaignId}`, { lockDays: 0 }), 403, "forbidden");
    const { key } = await createApiKey(stack, p.tenantId, { scopes: ["campaigns:read"] });
    await expectProblem(await programApi(stack, key).post(`/v1/campaigns/${p.campaignId}/applications`, { affiliateId: p.affiliateId }), 403, "forbidden");
  });
});

describe("affiliate users", () => {
  it("see only their own campaigns and cannot see or act for other affiliates", async () => {
    const p = await seedTestProgram(stack);
    const merchant = programApi(stack, p.apiKey);
    const other = await bodyOf(await merchant.post("/v1/affiliates", newAffiliate()), 201);
    const hidden = await bodyOf(await merchant.post("/v1/campaigns", newCampaign("Só para outros")), 201);
    await bodyOf(await merchant.post(`/v1/campaigns/${hidden.id}/applications`, { affiliateId: other.id }), 201);
    const me = programApi(stack, (await signIn(stack, await createUser(stack, p.tenantId, "affiliate", { affiliateId: p.affiliateId }))).accessToken);

    expect((await bodyOf(await me.get("/v1/campaigns"), 200)).items.map((c: { id: string }) => c.id)).toEqual([p.campaignId]);
    expect(await bodyOf(await me.get(`/v1/campaigns/${p.campaignId}`), 200)).not.toHaveProperty("fraudSettings");
    await expectProblem(await me.get(`/v1/campaigns/${hidden.id}`), 404, "not_found");
    await expectProblem(await me.post(`/v1/campaigns/${hidden.id}/applications`, { affiliateId: other.id }), 404, "not_found");
    // Their own profile and membership only: other affiliates look like ids that do not exist.
    expect((await bodyOf(await me.get("/v1/affiliates"), 200)).items.map((a: { id: string }) => a.id)).toEqual([p.affiliateId]);
    expect((await bodyOf(await me.get(`/v1/affiliates/${p.affiliateId}`), 200)).id).toBe(p.affiliateId);
    await expectProblem(await me.get(`/v1/affiliates/${other.id}`), 404, "not_found");
    await expectProblem(await me.get(`/v1/campaigns/${hidden.id}/affiliates`), 404, "not_found");
    expect((await bodyOf(await me.get(`/v1/campaigns/${p.campaignId}/affiliates`), 200)).items.map((a: { id: string }) => a.id)).toEqual([p.affiliateId]);
    await expectProblem(await me.patch(`/v1/campaigns/${p.campaignId}`, { name: "mine now" }), 403, "forbidden");
    await expectProblem(await me.post(`/v1/campaigns/${hidden.id}/affiliates/${other.id}/reject`), 403, "forbidden");
    await expectProblem(await me.patch(`/v1/affiliates/${p.affiliateId}`, { status: "active" }), 403, "forbidden");
  });
});
