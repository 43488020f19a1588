/**
 * Commission rules a merchant sends are capped: a percentage at 10,000 bp (100%) wherever a rate appears,
 * fixed amounts (flat rates, tier thresholds, bonuses, the minimum order) at MAX_MINOR_UNITS. Before,
 * `bp: 50000` (500%) was saved with a 201. A campaign stored with a higher rate before the cap is still
 * read, shown, edited in its other settings, and still earns: its stored rules are not read with the
 * input schema.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, expectFieldErrors, jsonOf } from "./helpers/api";
import { clickLink, waitForClick } from "./helpers/ingest-fixtures";
import { programApi } from "./helpers/programs";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { orderId, serverPost } from "./helpers/tracking";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);
afterAll(() => stack?.close());

const rate = { type: "percentage", bp: 1_000 };
const over = { type: "percentage", bp: 50_000 };
const OVER_RATE = "must be at most 10000 (100%)";
const OVER_MAX = "must be at most 1000000000000 (minor units)";
const huge = 900000000000000000000;

describe("rates above 100% and amounts over the cap are refused on POST and PATCH", () => {
  it.each([
    ["the base rate", { base: over }, "/body/commissionRules/base/bp", OVER_RATE],
    ["an enormous rate, with one message", { base: { type: "percentage", bp: huge } }, "/body/commissionRules/base/bp", OVER_RATE],
    ["the first-order rate", { base: rate, firstOrder: over }, "/body/commissionRules/firstOrder/bp", OVER_RATE],
    ["a product's rate", { base: rate, products: { P1: over } }, "/body/commissionRules/products/P1/bp", OVER_RATE],
    ["a category's rate", { base: rate, categories: { books: over } }, "/body/commissionRules/categories/books/bp", OVER_RATE],
    ["a group's rate", { base: rate, groups: { vip: over } }, "/body/commissionRules/groups/vip/bp", OVER_RATE],
    ["a tier's rate", { base: rate, tiers: [{ fromRevenue: 1_000, rate: over }] }, "/body/commissionRules/tiers/0/rate/bp", OVER_RATE],
    ["a flat amount", { base: { type: "flat", amount: huge } }, "/body/commissionRules/base/amount", OVER_MAX],
    ["a tier threshold", { base: rate, tiers: [{ fromRevenue: huge, rate }] }, "/body/commissionRules/tiers/0/fromRevenue", OVER_MAX],
    ["a bonus", { base: rate, bonuses: [{ atRevenue: 1_000, amount: Number.MAX_SAFE_INTEGER }] }, "/body/commissionRules/bonuses/0/amount", OVER_MAX],
    ["the minimum order", { base: rate, minOrderAmount: huge }, "/body/commissionRules/minOrderAmount", OVER_MAX],
  ])("%s", async (_, commissionRules, pointer, message) => {
    const p = await seedTestProgram(stack);
    const api = programApi(stack, p.apiKey);
    for (const res of [await api.post("/v1/campaigns", { name: "x", destinationUrl: "https://loja.example/", commissionRules }), await api.patch(`/v1/campaigns/${p.campaignId}`, { commissionRules })]) {
      const body = await expectFieldErrors(res, [pointer]);
      expect(body.errors!.filter((e) => e.pointer === pointer).map((e) => e.detail)).toEqual([message]);
    }
  });

  it("100% itself is accepted", async () => {
    const p = await seedTestProgram(stack);
    const res = await programApi(stack, p.apiKey).patch(`/v1/campaigns/${p.campaignId}`, { commissionRules: { base: { type: "percentage", bp: 10_000 } } });
    expect(res.status).toBe(200);
    expect((await jsonOf(res)).commissionRules.base).toEqual({ type: "percentage", bp: 10_000 });
  });
});

describe("a campaign stored with a rate above 100% before the cap", () => {
  it("is shown as stored, takes edits of its other settings, and still earns", async () => {
    const p = await seedTestProgram(stack);
    const stored = { version: 3, base: { type: "percentage", bp: 20_000 } };
    await stack.db.query("UPDATE campaigns SET commission_rules = $2 WHERE id = $1", [p.campaignId, JSON.stringify(stored)]);
    const path = `/v1/campaigns/${p.campaignId}`;
    expect((await jsonOf(await callApi(stack, "GET", path, { key: p.apiKey }))).commissionRules).toMatchObject(stored);
    const renamed = await programApi(stack, p.apiKey).patch(path, { name: "Renomeada" });
    expect(renamed.status).toBe(200);
    expect((await jsonOf(renamed)).commissionRules).toMatchObject(stored);

    const { clickId } = await clickLink(stack, p);
    await waitForClick(stack, clickId);
    const order = orderId();
    expect((await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 10_000, currency: "BRL", clickId, status: "paid" })).status).toBe(202);
    const commission = await waitFor(
      async () => (await stack.db.query("SELECT amount, rules_version FROM commissions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order])).rows[0],
      20_000,
      "the commission",
    );
    expect(commission).toMatchObject({ amount: "20000", rules_version: 3 });
  });
});
