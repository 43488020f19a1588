/**
 * An order that arrives before its click (the click still in the queue, or parked and replayed later) is
 * matched to its affiliate and earns its commission when the click lands, once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clickEvent, deliverClickLate } from "./helpers/events";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { orderId, serverPost } from "./helpers/tracking";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());


describe("an order before its click", () => {
  it("gets its affiliate and commission when the click lands, and only once", async () => {
    const p = await seedTestProgram(stack);
    const click = clickEvent(p, { ts: Date.now() - 3_600_000 });
    const order = orderId();
    expect((await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 30_000, currency: "BRL", clickId: click.id, status: "paid" })).status).toBe(202);
    const stored = await waitFor(async () => (await stack.db.query("SELECT matched_click_id, matched_affiliate_id FROM conversions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order])).rows[0], 20_000, "the order");
    expect(stored).toEqual({ matched_click_id: click.id, matched_affiliate_id: null });
    expect((await stack.db.query("SELECT 1 FROM commissions WHERE tenant_id = $1", [p.tenantId])).rowCount).toBe(0);

    await deliverClickLate(stack, click);
    const commission = await waitFor(async () => (await stack.db.query("SELECT affiliate_id, amount FROM commissions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order])).rows[0], 20_000, "the commission");
    expect(commission).toEqual({ affiliate_id: p.affiliateId, amount: "3000" });
    const matched = await stack.db.query("SELECT matched_affiliate_id FROM conversions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order]);
    expect(matched.rows[0].matched_affiliate_id).toBe(p.affiliateId);

    // The click delivered again changes nothing.
    await deliverClickLate(stack, click);
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await stack.db.query("SELECT 1 FROM commissions WHERE tenant_id = $1", [p.tenantId])).rowCount).toBe(1);
  });
});
