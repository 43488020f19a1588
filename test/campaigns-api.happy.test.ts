/** Campaigns on the happy path: defaults, full settings, pages and filters, versioned rule changes. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignSchema } from "../workers/api/src/routes/v1/campaigns/schema";
import { bodyOf, newCampaign, programApi, waitForCachedLink } from "./helpers/programs";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

const merchant = async () => {
  const p = await seedTestProgram(stack);
  return { p, api: programApi(stack, p.apiKey) };
};

describe("POST and GET /v1/campaigns/{id}", () => {
  it("creates a campaign with the defaults and reads it back", async () => {
    const { api } = await merchant();
    const res = await api.post("/v1/campaigns", newCampaign());
    const created = await bodyOf(res, 201);
    expect(campaignSchema.strict().safeParse(created).error).toBeUndefined();
    expect(res.headers.get("location")).toBe(`/v1/campaigns/${created.id}`);
    expect(created).toMatchObject({
      status: "active",
      currency: "BRL",
      attributionWindowDays: 30,
      attributionModel: { kind: "last_click" },
      commissionRules: { version: 1, base: { type: "percentage", bp: 1000 } },
      conflictRules: { linkVsCoupon: "link_first", selfReferral: "hold", directOrganic: "keeps_credit", ties: "first_touch" },
      fraudSettings: { flagThreshold: expect.any(Number), paidSearchAllowed: false },
    });
    expect(await bodyOf(await api.get(`/v1/campaigns/${created.id}`), 200)).toEqual(created);
  });

  it("creates a campaign with every setting", async () => {
    const { api } = await merchant();
    const settings = {
      ...newCampaign("Black Friday"),
      status: "paused",
      currency: "USD",
      attributionWindowDays: 7,
      cookieLifetimeDays: 60,
      dedupWindowSeconds: 0,
      lockDays: 14,
      attributionModel: { kind: "time_decay", halfLifeHours: 24 },
      commissionRules: { base: { type: "flat", amount: 500 }, groups: { vip: { type: "percentage", bp: 2000 } } },
      fraudSettings: { flagThreshold: 50, paidSearchAllowed: true },
    };
    const created = await bodyOf(await api.post("/v1/campaigns", settings), 201);
    expect(created).toMatchObject({ ...settings, commissionRules: { ...settings.commissionRules, version: 1 }, fraudSettings: settings.fraudSettings });
  });
});

describe("GET /v1/campaigns", () => {
  it("pages by cursor and filters by status", async () => {
    const { p, api } = await merchant();
    const made = [];
    for (const name of ["A", "B", "C"]) made.push((await bodyOf(await api.post("/v1/campaigns", newCampaign(name)), 201)).id);
    await bodyOf(await api.patch(`/v1/campaigns/${made[1]}`, { status: "paused" }), 200);

    const first = await bodyOf(await api.get("/v1/campaigns?limit=3"), 200);
    expect(first.items.map((c: { id: string }) => c.id)).toEqual([p.campaignId, ...made.slice(0, 2)]);
    const second = await bodyOf(await api.get(`/v1/campaigns?limit=3&cursor=${first.nextCursor}`), 200);
    expect(second).toMatchObject({ items: [{ id: made[2] }], nextCursor: null });
    const paused = await bodyOf(await api.get("/v1/campaigns?status=paused"), 200);
    expect(paused.items.map((c: { id: string }) => c.id)).toEqual([made[1]]);
  });
});

describe("PATCH /v1/campaigns/{id}", () => {
  it("gives changed commission rules the next version, and keeps it for the same rules", async () => {
    const { p, api } = await merchant();
    const path = `/v1/campaigns/${p.campaignId}`;
    const raised = await bodyOf(await api.patch(path, { commissionRules: { base: { type: "percentage", bp: 1500 }, version: 99 } }), 200);
    expect(raised.commissionRules).toMatchObject({ version: 2, base: { bp: 1500 } });
    // The same rules again (as read back, version included) and other settings leave the version alone.
    expect((await bodyOf(await api.patch(path, { commissionRules: raised.commissionRules }), 200)).commissionRules.version).toBe(2);
    const renamed = await bodyOf(await api.patch(path, { name: "Renomeada", lockDays: 7 }), 200);
    expect(renamed).toMatchObject({ name: "Renomeada", lockDays: 7, commissionRules: { version: 2 } });
    expect(Date.parse(renamed.updatedAt)).toBeGreaterThanOrEqual(Date.parse(raised.updatedAt));
    const { rows } = await stack.db.query("SELECT commission_rules->'version' AS v FROM campaigns WHERE id = $1", [p.campaignId]);
    expect(rows[0].v).toBe(2);
  });

  it("stores the conflict rules sent, shows them with the defaults, and a change gives the rules the next version", async () => {
    const { p, api } = await merchant();
    const path = `/v1/campaigns/${p.campaignId}`;
    const updated = await bodyOf(await api.patch(path, { conflictRules: { linkVsCoupon: "coupon_first", ties: "split" } }), 200);
    expect(updated.conflictRules).toEqual({ linkVsCoupon: "coupon_first", selfReferral: "hold", directOrganic: "keeps_credit", ties: "split" });
    expect(updated.commissionRules).toMatchObject({ version: 2, base: { bp: 1000 } });
    // The same rules, spelt out with their defaults, are no change.
    const same = await bodyOf(await api.patch(path, { conflictRules: updated.conflictRules }), 200);
    expect(same.commissionRules.version).toBe(2);
    const { rows } = await stack.db.query("SELECT conflict_rules, commission_rules->'version' AS v FROM campaigns WHERE id = $1", [p.campaignId]);
    expect(rows[0]).toEqual({ conflict_rules: updated.conflictRules, v: 2 });
    const created = await bodyOf(await api.post("/v1/campaigns", { ...newCampaign(), conflictRules: { selfReferral: "exclude" } }), 201);
    expect(created).toMatchObject({ conflictRules: { selfReferral: "exclude", linkVsCoupon: "link_first" }, commissionRules: { version: 1 } });
  });

  it("stores only the fraud settings sent, and shows them with the defaults", async () => {
    const { p, api } = await merchant();
    const updated = await bodyOf(await api.patch(`/v1/campaigns/${p.campaignId}`, { fraudSettings: { ipPerMinute: 3 } }), 200);
    expect(updated.fraudSettings).toMatchObject({ ipPerMinute: 3, paidSearchAllowed: false });
    const { rows } = await stack.db.query("SELECT fraud_settings FROM campaigns WHERE id = $1", [p.campaignId]);
    expect(rows[0].fraud_settings).toEqual({ ipPerMinute: 3 });
  });

  it("pausing rewrites the redirect's cached records of the campaign's links", async () => {
    const { p, api } = await merchant();
    await bodyOf(await api.patch(`/v1/campaigns/${p.campaignId}`, { status: "paused", cookieLifetimeDays: 9 }), 200);
    const record = await waitForCachedLink(stack, p.code, (r) => r.campaignStatus === "paused", "the paused campaign in the link cache");
    expect(record).toMatchObject({ linkId: p.linkId, cookieLifetimeDays: 9 });
  });
});
