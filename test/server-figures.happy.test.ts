/**
 * The tracking script's order figures come from the shopper's browser, so whoever controls the page controls
 * them. When the merchant's server reports the same order, its amount, currency and items are the ones that
 * count: the order takes them, and commissions still pending are made again from them. Commissions the
 * merchant already decided stay as decided.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { clickLink, conversionEvent, eventBatch, s2sConversion, waitForClick } from "./helpers/ingest-fixtures";
import { commissionsOfOrder } from "./helpers/program-activity";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { conversionOf, orderId, postEvents, serverPost } from "./helpers/tracking";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

/** An order the script reports from the thank-you page, with the shopper's click cookie; resolves once its commission exists. */
async function scriptOrder(p: SeededProgram, amount: number): Promise<string> {
  const { clickId } = await clickLink(stack, p);
  await waitForClick(stack, clickId);
  const order = orderId();
  const res = await postEvents(stack, eventBatch(p.tenantId, [conversionEvent({}, { orderId: order, amount })], "granted"), { cookie: `indica_click=${clickId}` });
  expect(res.status).toBe(202);
  await waitFor(async () => (await commissionsOfOrder(stack, p.tenantId, order)).length === 1, 20_000, "the script's order and its commission");
  return order;
}

async function serverOrder(p: SeededProgram, body: Record<string, unknown>): Promise<void> {
  const res = await serverPost(stack, "/v1/conversions", p.apiKey, s2sConversion(body));
  expect(res.status, await res.clone().text()).toBe(202);
}

const amounts = async (p: SeededProgram, order: string) => (await commissionsOfOrder(stack, p.tenantId, order)).map((c) => Number(c.amount));

describe("the server's figures replace the script's", () => {
  it("an inflated amount from the browser is corrected by the server's report, and so is the pending commission", async () => {
    const p = await seedTestProgram(stack);
    const order = await scriptOrder(p, 5_000_000);
    // The seeded campaign pays 10%: on the browser's figure, 500,000.
    expect(await amounts(p, order)).toEqual([500_000]);

    await serverOrder(p, { orderId: order, amount: 10_000, status: "paid" });
    await waitFor(async () => (await conversionOf(stack, p.tenantId, order))?.status === "paid", 20_000, "the server's report");
    const row = await conversionOf(stack, p.tenantId, order);
    expect({ amount: Number(row.amount), currency: row.currency, source: row.source, identity: row.identity_source }).toEqual({ amount: 10_000, currency: "BRL", source: "s2s", identity: "cookie" });
    // Before the fix the order kept 5,000,000 and its commission 500,000.
    expect(await amounts(p, order)).toEqual([1_000]);

    // A later report at the same status keeps the server's figures (and is told in failed_events, order-resend.happy.test.ts).
    await serverOrder(p, { orderId: order, amount: 99_999, status: "paid" });
    // A move forward to fulfilled brings its own: the later status is the later report.
    await serverOrder(p, { orderId: order, amount: 20_000, status: "fulfilled" });
    await waitFor(async () => (await conversionOf(stack, p.tenantId, order))?.status === "fulfilled", 20_000, "fulfilled");
    expect(Number((await conversionOf(stack, p.tenantId, order)).amount)).toBe(20_000);
    expect(await amounts(p, order)).toEqual([2_000]);
  });

  it("a commission the merchant already approved stays as approved; the order still takes the server's figures", async () => {
    const p = await seedTestProgram(stack);
    const order = await scriptOrder(p, 30_000);
    await stack.db.query("UPDATE commissions SET status = 'approved' WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order]);

    await serverOrder(p, { orderId: order, amount: 20_000, status: "paid" });
    await waitFor(async () => (await conversionOf(stack, p.tenantId, order))?.status === "paid", 20_000, "the server's report");
    expect(Number((await conversionOf(stack, p.tenantId, order)).amount)).toBe(20_000);
    const [commission] = await commissionsOfOrder(stack, p.tenantId, order);
    expect({ amount: Number(commission.amount), status: commission.status }).toEqual({ amount: 3_000, status: "approved" });
  });
});
