/**
 * Who sees what in the links, conversions, commissions, balances and reports operations: nothing of
 * another merchant (404, never 403), affiliate users only their own and never shoppers' identifiers,
 * analysts read but never write.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { callApi, expectProblem, jsonOf } from "./helpers/api";
import { tokenFor } from "./helpers/auth";
import { addAffiliate, clickOn, commissionsOfOrder, placeOrder, type TestAffiliate } from "./helpers/program-activity";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
let p: SeededProgram;
let other: SeededProgram;
let bruno: TestAffiliate;
let mariasOrder: { id: string; orderId: string };
let brunosOrder: { id: string; orderId: string };
let mariasCommission: string;

beforeAll(async () => {
  stack = await startTestStack();
  [p, other] = [await seedTestProgram(stack), await seedTestProgram(stack)];
  bruno = await addAffiliate(stack, p);
  mariasOrder = await placeOrder(stack, p, { amount: 10_000, clickId: (await clickOn(stack, p.code)).clickId, customer: { email: "ana@example.com" } });
  brunosOrder = await placeOrder(stack, p, { amount: 20_000, clickId: (await clickOn(stack, bruno.code)).clickId, customer: { email: "rui@example.com" } });
  mariasCommission = (await commissionsOfOrder(stack, p.tenantId, mariasOrder.orderId))[0].id;
});
afterAll(() => stack?.close());

const call = (key: string, method: string, path: string, body?: unknown) => callApi(stack, method, path, { key, body });

describe("another merchant", () => {
  it("gets 404 for every id of this one, and sees none of its rows", async () => {
    for (const [method, path, body] of [
      ["GET", `/v1/links/${p.linkId}`],
      ["PATCH", `/v1/links/${p.linkId}`, { status: "disabled" }],
      ["GET", `/v1/conversions/${mariasOrder.id}`],
      ["POST", `/v1/conversions/${mariasOrder.id}/status`, { status: "cancelled" }],
      ["GET", `/v1/commissions/${mariasCommission}`],
    ] as const) {
      await expectProblem(await call(other.apiKey, method, path, body), 404, "not_found");
    }
    expect((await stack.db.query("SELECT status FROM links WHERE id = $1", [p.linkId])).rows[0].status).toBe("active");
    expect((await stack.db.query("SELECT status FROM conversions WHERE id = $1 AND tenant_id = $2", [mariasOrder.id, p.tenantId])).rows[0].status).toBe("placed");
    for (const path of ["/v1/links", "/v1/conversions", "/v1/commissions", "/v1/balances", "/v1/payouts"]) {
      const items = (await jsonOf(await call(other.apiKey, "GET", `${path}?affiliateId=${p.affiliateId}`))).items;
      expect(items, path).toEqual([]);
    }
    expect((await jsonOf(await call(other.apiKey, "GET", `/v1/reports/summary?groupBy=affiliate&affiliateId=${p.affiliateId}`))).rows).toEqual([]);
    await expectProblem(await call(other.apiKey, "POST", "/v1/links/bulk", { links: [{ campaignId: p.campaignId, affiliateId: p.affiliateId }] }), 422, "unprocessable");
  });
});

describe("affiliate users", () => {
  it("see only their own orders, without shoppers' identifiers, and only their own commissions and links", async () => {
    const token = await tokenFor(stack, p.tenantId, "affiliate", { affiliateId: bruno.affiliateId });
    const orders = await jsonOf(await call(token, "GET", "/v1/conversions"));
    expect(orders.items.map((o: { id: string }) => o.id)).toEqual([brunosOrder.id]);
    expect(orders.items[0]).not.toHaveProperty("customer");
    expect(orders.items[0]).not.toHaveProperty("fraud");
    expect(JSON.stringify(orders)).not.toMatch(/[0-9a-f]{64}/);
    const own = await jsonOf(await call(token, "GET", `/v1/conversions/${brunosOrder.id}`));
    expect(own).toMatchObject({ id: brunosOrder.id, affiliateId: bruno.affiliateId });
    expect(own).not.toHaveProperty("customer");
    await expectProblem(await call(token, "GET", `/v1/conversions/${mariasOrder.id}`), 404, "not_found");
    await expectProblem(await call(token, "GET", `/v1/commissions/${mariasCommission}`), 404, "not_found");
    const commissions = await jsonOf(await call(token, "GET", "/v1/commissions"));
    expect(commissions.items.map((c: { affiliateId: string }) => c.affiliateId)).toEqual([bruno.affiliateId]);
    await expectProblem(await call(token, "GET", `/v1/links/${p.linkId}`), 404, "not_found");
    await expectProblem(await call(token, "PATCH", `/v1/links/${p.linkId}`, { status: "disabled" }), 404, "not_found");
  });

  it("make links only for themselves, only in campaigns that approved them, and decide nothing", async () => {
    const token = await tokenFor(stack, p.tenantId, "affiliate", { affiliateId: bruno.affiliateId });
    const forMaria = await expectProblem(await call(token, "POST", "/v1/links", { campaignId: p.campaignId, affiliateId: p.affiliateId }), 422, "unprocessable");
    expect(forMaria.errors).toEqual([{ pointer: "/body/affiliateId", detail: expect.any(String) }]);
    const pending = await addAffiliate(stack, p, { membership: "pending" });
    const pendingToken = await tokenFor(stack, p.tenantId, "affiliate", { affiliateId: pending.affiliateId });
    const notMember = await expectProblem(await call(pendingToken, "POST", "/v1/links", { campaignId: p.campaignId }), 422, "unprocessable");
    expect(notMember.errors).toEqual([{ pointer: "/body/campaignId", detail: expect.any(String) }]);
    const inBulk = await expectProblem(await call(token, "POST", "/v1/links/bulk", { links: [{ campaignId: p.campaignId }, { campaignId: p.campaignId, affiliateId: p.affiliateId }] }), 422, "unprocessable");
    expect(inBulk.errors![0].pointer).toBe("/body/links/1/affiliateId");
    expect((await stack.db.query("SELECT count(*)::int AS n FROM links WHERE affiliate_id = $1", [bruno.affiliateId])).rows[0].n).toBe(1);
    await expectProblem(await call(token, "POST", `/v1/conversions/${brunosOrder.id}/status`, { status: "cancelled" }), 403, "forbidden");
    await expectProblem(await call(token, "POST", "/v1/commissions/decisions", { action: "approve", ids: [mariasCommission] }), 403, "forbidden");
  });
});

describe("analysts", () => {
  it("read everything of the merchant but change nothing", async () => {
    const token = await tokenFor(stack, p.tenantId, "analyst");
    for (const path of ["/v1/links", "/v1/conversions", `/v1/conversions/${mariasOrder.id}`, `/v1/commissions/${mariasCommission}`, "/v1/balances", "/v1/payouts", "/v1/reports/summary"]) {
      expect((await call(token, "GET", path)).status, path).toBe(200);
    }
    await expectProblem(await call(token, "PATCH", `/v1/links/${p.linkId}`, { status: "disabled" }), 403, "forbidden");
    await expectProblem(await call(token, "POST", "/v1/links/bulk", { links: [{ campaignId: p.campaignId, affiliateId: p.affiliateId }] }), 403, "forbidden");
    await expectProblem(await call(token, "POST", `/v1/conversions/${mariasOrder.id}/status`, { status: "cancelled" }), 403, "forbidden");
    expect((await stack.db.query("SELECT status FROM conversions WHERE id = $1 AND tenant_id = $2", [mariasOrder.id, p.tenantId])).rows[0].status).toBe("placed");
  });
});

describe("an order two affiliates share", () => {
  it("shows the other affiliate's id, click and coupon to neither", async () => {
    const shared = await placeOrder(stack, p, { amount: 8_000, clickId: (await clickOn(stack, p.code)).clickId });
    // A split model credited Bruno too: his commission on Maria's order.
    await stack.db.query(
      `INSERT INTO commissions (id, tenant_id, conversion_id, order_id, affiliate_id, campaign_id, currency, amount, share_bp, rules_version)
       VALUES ($1, $2, $3, $4, $5, $6, 'BRL', 400, 5000, 1)`,
      [newId("commission"), p.tenantId, shared.id, shared.orderId, bruno.affiliateId, p.campaignId],
    );
    const brunos = await tokenFor(stack, p.tenantId, "affiliate", { affiliateId: bruno.affiliateId });
    const seen = await jsonOf(await call(brunos, "GET", `/v1/conversions/${shared.id}`));
    expect(seen).toMatchObject({ id: shared.id, affiliateId: null, clickId: null, coupon: null });
    const listed = (await jsonOf(await call(brunos, "GET", "/v1/conversions"))).items.find((o: { id: string }) => o.id === shared.id);
    expect(listed).toMatchObject({ affiliateId: null, clickId: null });
    // Maria, whom the order was matched to, sees her own click; the merchant sees everything.
    const marias = await tokenFor(stack, p.tenantId, "affiliate", { affiliateId: p.affiliateId });
    expect(await jsonOf(await call(marias, "GET", `/v1/conversions/${shared.id}`))).toMatchObject({ affiliateId: p.affiliateId, clickId: expect.stringMatching(/^clk_/) });
    expect(await jsonOf(await call(p.apiKey, "GET", `/v1/conversions/${shared.id}`))).toMatchObject({ affiliateId: p.affiliateId });
  });
});
