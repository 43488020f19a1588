/**
 * A refund sent without the merchant's refund id is known by its order, amount, currency and time. The
 * time counts as an instant: a retry that writes the same moment another way is the same refund, stored
 * once and taken back once; another moment is another refund.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clickLink, waitForClick } from "./helpers/ingest-fixtures";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { orderId, serverPost } from "./helpers/tracking";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);
afterAll(() => stack?.close());

describe("a refund without a refundId", () => {
  it("is the same refund however its time is written", async () => {
    const p = await seedTestProgram(stack);
    const { clickId } = await clickLink(stack, p);
    await waitForClick(stack, clickId);
    const order = orderId();
    expect((await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 10_000, currency: "BRL", clickId, status: "paid" })).status).toBe(202);
    const commission = () => stack.db.query<{ amount: string; reversed_amount: string }>("SELECT amount, reversed_amount FROM commissions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order]).then((r) => r.rows[0]);
    await waitFor(commission, 20_000, "the commission");

    const refund = { orderId: order, amount: 2_000, currency: "BRL" };
    for (const occurredAt of ["2026-11-20T13:00:00Z", "2026-11-20T13:00:00.000Z", "2026-11-20T10:00:00-03:00"]) {
      expect((await serverPost(stack, "/v1/refunds", p.apiKey, { ...refund, occurredAt })).status).toBe(202);
    }
    // Another moment is another refund.
    expect((await serverPost(stack, "/v1/refunds", p.apiKey, { ...refund, occurredAt: "2026-11-20T13:00:01Z" })).status).toBe(202);
    const refunds = () => stack.db.query("SELECT refund_key FROM refunds WHERE tenant_id = $1", [p.tenantId]).then((r) => r.rowCount);
    await waitFor(async () => (await refunds()) === 2 && Number((await commission()).reversed_amount) === 400, 20_000, "two refunds taken back");
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await refunds()).toBe(2);
    expect(Number((await commission()).reversed_amount)).toBe(400);
  });
});
