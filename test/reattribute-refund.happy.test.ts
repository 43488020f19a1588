/**
 * Re-attribution replaces an order's pending commissions; a refund the order had already received is
 * given back by the new commissions too (it was applied to the old ones only, so the new ones paid in full).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clickLink, waitForClick } from "./helpers/ingest-fixtures";
import { ADMIN_TOKEN, seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { orderId, serverPost } from "./helpers/tracking";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);
afterAll(() => stack?.close());

describe("re-attribution of a refunded order", () => {
  it("keeps the refund's share taken back under the new rules", async () => {
    const p = await seedTestProgram(stack);
    const { clickId } = await clickLink(stack, p);
    await waitForClick(stack, clickId);
    const order = orderId();
    await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 10_000, currency: "BRL", clickId, status: "paid" });
    const commission = () => stack.db.query<{ amount: string; reversed_amount: string }>("SELECT amount, reversed_amount FROM commissions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order]).then((r) => r.rows);
    await waitFor(async () => (await commission()).length === 1, 20_000, "the commission");
    await serverPost(stack, "/v1/refunds", p.apiKey, { orderId: order, amount: 2_500, currency: "BRL", refundId: "r-quarter" });
    await waitFor(async () => Number((await commission())[0].reversed_amount) === 250, 20_000, "the refund's reversal");

    await stack.db.query(`UPDATE campaigns SET commission_rules = '{"version":2,"base":{"type":"percentage","bp":2000}}' WHERE id = $1`, [p.campaignId]);
    const res = await stack.fetch("indica-ingest", "https://ingest.test/admin/reattribute", {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ tenantId: p.tenantId, campaignId: p.campaignId }),
    });
    expect(await res.json()).toEqual({ reattributed: 1, skipped: 0, cursor: null, more: false });
    expect(await commission()).toEqual([{ amount: "2000", reversed_amount: "500" }]);
  });
});
