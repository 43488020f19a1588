/**
 * An outside tester's walkthrough (2026-11-24): order DE-10001 placed with its line items and a product-rate
 * commission of 7997, then the merchant's status webhook says "paid" with the same amount and no `items`.
 * The order lost its items and the commission was made again at the base rate (20471) under a new id. A
 * report that leaves `items` out now keeps the order's items, and the commission stays as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { callApi, jsonOf } from "./helpers/api";
import { drainQueue } from "./helpers/ingest-fixtures";
import { clickOn, commissionsOfOrder } from "./helpers/program-activity";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { conversionOf, serverPost } from "./helpers/tracking";
import { productRules, walkthroughOrder } from "./helpers/product-order";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

async function send(p: SeededProgram, body: Record<string, unknown>): Promise<void> {
  const res = await serverPost(stack, "/v1/conversions", p.apiKey, body);
  expect(res.status, await res.clone().text()).toBe(202);
}

describe("a status update that leaves the line items out", () => {
  it("placed with items (7997), then paid without items: the items, the commission and its id stay", async () => {
    const p = await seedTestProgram(stack);
    await stack.db.query("UPDATE campaigns SET commission_rules = $2 WHERE id = $1", [p.campaignId, JSON.stringify(productRules)]);
    const placed = walkthroughOrder((await clickOn(stack, p.code)).clickId);
    await send(p, placed);
    const [first] = await waitFor(async () => {
      const rows = await commissionsOfOrder(stack, p.tenantId, placed.orderId);
      return rows.length === 1 && rows;
    }, 20_000, "the commission");
    expect(Number(first.amount)).toBe(7_997);

    const { items: _items, ...statusOnly } = placed;
    await send(p, { ...statusOnly, status: "paid" });
    await waitFor(async () => (await conversionOf(stack, p.tenantId, placed.orderId))?.status === "paid", 20_000, "the paid report");
    expect((await conversionOf(stack, p.tenantId, placed.orderId)).items).toEqual(placed.items);
    const after = await commissionsOfOrder(stack, p.tenantId, placed.orderId);
    expect(after.map((c) => ({ id: c.id, amount: Number(c.amount), status: c.status }))).toEqual([{ id: first.id, amount: 7_997, status: "pending" }]);
    const res = await callApi(stack, "GET", `/v1/commissions/${first.id}`, { key: p.apiKey });
    expect(res.status).toBe(200);
    expect((await jsonOf(res)).amount).toBe(7_997);

    // The same status update delivered again is no resend "with other items": nothing is told.
    await send(p, { ...statusOnly, status: "paid" });
    await drainQueue(stack);
    const notices = await callApi(stack, "GET", "/v1/failed-events?status=pending", { key: p.apiKey });
    expect((await jsonOf(notices)).items).toEqual([]);
  });

  it("`items: []` still says the order has none: the commission takes the base rate", async () => {
    const p = await seedTestProgram(stack);
    await stack.db.query("UPDATE campaigns SET commission_rules = $2 WHERE id = $1", [p.campaignId, JSON.stringify(productRules)]);
    const placed = walkthroughOrder((await clickOn(stack, p.code)).clickId);
    await send(p, placed);
    await waitFor(async () => (await commissionsOfOrder(stack, p.tenantId, placed.orderId)).length === 1, 20_000, "the commission");
    await send(p, { ...placed, items: [], status: "paid" });
    await waitFor(async () => (await conversionOf(stack, p.tenantId, placed.orderId))?.status === "paid", 20_000, "the paid report");
    expect((await conversionOf(stack, p.tenantId, placed.orderId)).items).toEqual([]);
    expect((await commissionsOfOrder(stack, p.tenantId, placed.orderId)).map((c) => Number(c.amount))).toEqual([20_471]);
  });
});
