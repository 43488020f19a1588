/**
 * Refunds the reversal cannot apply correctly: one in another currency than its order's, and one whose
 * refundId the tenant already used for another order. Before, 5,000 JPY took back half of a 10,000 BRL
 * order's commission, and a reused refundId reversed the second order's commission although its refund
 * row was never stored. Now both are parked in failed_events with the reason
 * and take nothing back; a redelivered refund and a refund in the order's currency still work. The merchant
 * reads them, with the reason, through GET /v1/failed-events (other merchants and affiliate users do not).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { callApi, expectProblem, jsonOf } from "./helpers/api";
import { tokenFor } from "./helpers/auth";
import { drainQueue } from "./helpers/ingest-fixtures";
import { paidOrder } from "./helpers/paid-order";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { serverPost } from "./helpers/tracking";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);
afterAll(() => stack?.close());


const reversedOf = async (p: SeededProgram, order: string) =>
  Number((await stack.db.query("SELECT reversed_amount FROM commissions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order])).rows[0].reversed_amount);
const refundRows = async (p: SeededProgram) =>
  (await stack.db.query("SELECT order_id, refund_key, currency FROM refunds WHERE tenant_id = $1 ORDER BY received_at", [p.tenantId])).rows;
const parked = async (p: SeededProgram) =>
  (await stack.db.query<{ reason: string }>("SELECT reason FROM failed_events WHERE tenant_id = $1", [p.tenantId])).rows.map((r) => r.reason);

describe("refunds the reversal cannot apply", () => {
  it("a refund in another currency than its order's takes nothing back and is parked with the reason", async () => {
    const p = await seedTestProgram(stack);
    const order = await paidOrder(stack, p);
    expect((await serverPost(stack, "/v1/refunds", p.apiKey, { orderId: order, amount: 5_000, currency: "JPY", refundId: "r-jpy" })).status).toBe(202);
    expect((await serverPost(stack, "/v1/refunds", p.apiKey, { orderId: order, amount: 10_000, currency: "USD", refundId: "r-usd" })).status).toBe(202);
    await drainQueue(stack);
    expect(await reversedOf(p, order)).toBe(0);
    expect(await refundRows(p)).toEqual([]);
    const reasons = await parked(p);
    expect(reasons).toHaveLength(2);
    for (const r of reasons) expect(r).toMatch(/in BRL/);

    // The same order refunded in its own currency is applied as before: half the order, half the commission.
    expect((await serverPost(stack, "/v1/refunds", p.apiKey, { orderId: order, amount: 5_000, currency: "BRL", refundId: "r-brl" })).status).toBe(202);
    await waitFor(async () => (await reversedOf(p, order)) === 500, 20_000, "the BRL refund's reversal");
  });

  it("a refundId already used by another order of the tenant takes nothing back from the second order", async () => {
    const p = await seedTestProgram(stack);
    const first = await paidOrder(stack, p);
    const second = await paidOrder(stack, p);
    expect((await serverPost(stack, "/v1/refunds", p.apiKey, { orderId: first, amount: 10_000, currency: "BRL", refundId: "r-1" })).status).toBe(202);
    await waitFor(async () => (await reversedOf(p, first)) === 1_000, 20_000, "the first order's reversal");
    expect((await serverPost(stack, "/v1/refunds", p.apiKey, { orderId: second, amount: 10_000, currency: "BRL", refundId: "r-1" })).status).toBe(202);
    await drainQueue(stack);
    expect(await reversedOf(p, second)).toBe(0);
    expect(await refundRows(p)).toEqual([{ order_id: first, refund_key: "r-1", currency: "BRL" }]);
    expect(await parked(p)).toEqual([expect.stringContaining(`already used by order ${first}`)]);
  });

  it("a redelivered refund is neither parked nor applied twice", async () => {
    const p = await seedTestProgram(stack);
    const order = await paidOrder(stack, p);
    const body = { orderId: order, amount: 2_500, currency: "BRL", refundId: "r-again" };
    expect((await serverPost(stack, "/v1/refunds", p.apiKey, body)).status).toBe(202);
    await waitFor(async () => (await reversedOf(p, order)) === 250, 20_000, "the refund's reversal");
    expect((await serverPost(stack, "/v1/refunds", p.apiKey, body)).status).toBe(202);
    await drainQueue(stack);
    expect(await reversedOf(p, order)).toBe(250);
    expect(await refundRows(p)).toHaveLength(1);
    expect(await parked(p)).toEqual([]);
  });

  it("the merchant reads a parked refund and its reason through GET /v1/failed-events; nobody else does", async () => {
    const p = await seedTestProgram(stack);
    const other = await seedTestProgram(stack);
    const order = await paidOrder(stack, p);
    expect((await serverPost(stack, "/v1/refunds", p.apiKey, { orderId: order, amount: 1_000, currency: "USD", refundId: "r-wrong" })).status).toBe(202);
    await drainQueue(stack);
    const listed = await jsonOf(await callApi(stack, "GET", "/v1/failed-events?status=pending", { key: p.apiKey }));
    expect(listed.items).toEqual([
      expect.objectContaining({ eventType: "refund", reason: expect.stringMatching(/refund in USD .* in BRL/), replayedAt: null, payload: expect.objectContaining({ input: expect.objectContaining({ orderId: order, currency: "USD" }) }) }),
    ]);
    expect(listed.nextCursor).toBeNull();
    expect((await jsonOf(await callApi(stack, "GET", "/v1/failed-events?status=replayed", { key: p.apiKey }))).items).toEqual([]);
    expect((await jsonOf(await callApi(stack, "GET", "/v1/failed-events", { key: other.apiKey }))).items).toEqual([]);
    const affiliate = await tokenFor(stack, p.tenantId, "affiliate", { affiliateId: p.affiliateId });
    await expectProblem(await callApi(stack, "GET", "/v1/failed-events", { key: affiliate }), 403, "forbidden");
    await expectProblem(await callApi(stack, "GET", "/v1/failed-events?status=all", { key: p.apiKey }), 400, "validation_failed");
  });
});
