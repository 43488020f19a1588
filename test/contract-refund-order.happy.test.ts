/**
 * Delivery is at least once and batches are retried, so a refund can be stored before its order: a batch
 * holding the order fails and is retried while a later one with the refund goes through, or a platform
 * delivers refunds/create before orders/paid. The refund was stored, but the commission the order earned
 * afterwards was never reduced by it. The same when the order's click lands after the order and its
 * refund or cancellation (the late-click path creates the commission). Now the commissions of an order are
 * reversed by the refunds (and cancellation) already stored for it, once, however they arrive.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { clickEvent, deliverClickLate } from "./helpers/events";
import { clickLink, drainQueue, waitForClick } from "./helpers/ingest-fixtures";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { orderId, serverPost } from "./helpers/tracking";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);
afterAll(() => stack?.close());

const commissionOf = async (p: SeededProgram, order: string) =>
  (await stack.db.query<{ amount: string; reversed_amount: string }>("SELECT amount, reversed_amount FROM commissions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order])).rows[0];

describe("a refund stored before its order", () => {
  it("takes back its share of the commission once the order arrives, and only once", async () => {
    const p = await seedTestProgram(stack);
    const { clickId } = await clickLink(stack, p);
    await waitForClick(stack, clickId);
    const order = orderId();
    expect((await serverPost(stack, "/v1/refunds", p.apiKey, { orderId: order, amount: 2_500, currency: "BRL", refundId: "early-1" })).status).toBe(202);
    await waitFor(async () => (await stack.db.query("SELECT 1 FROM refunds WHERE tenant_id = $1", [p.tenantId])).rowCount === 1, 20_000, "the refund");

    expect((await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 10_000, currency: "BRL", clickId, status: "paid" })).status).toBe(202);
    const earned = await waitFor(() => commissionOf(p, order), 20_000, "the commission");
    expect(Number(earned.amount)).toBe(1_000);
    await waitFor(async () => Number((await commissionOf(p, order)).reversed_amount) === 250, 20_000, "the early refund's reversal");

    // The order reported again (a status change) and the refund resent change nothing more.
    expect((await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 10_000, currency: "BRL", clickId, status: "fulfilled" })).status).toBe(202);
    expect((await serverPost(stack, "/v1/refunds", p.apiKey, { orderId: order, amount: 2_500, currency: "BRL", refundId: "early-1" })).status).toBe(202);
    await drainQueue(stack);
    expect(Number((await commissionOf(p, order)).reversed_amount)).toBe(250);
  });

  it("in another currency than the order's, takes nothing back", async () => {
    const p = await seedTestProgram(stack);
    const { clickId } = await clickLink(stack, p);
    await waitForClick(stack, clickId);
    const order = orderId();
    expect((await serverPost(stack, "/v1/refunds", p.apiKey, { orderId: order, amount: 5_000, currency: "USD", refundId: "early-usd" })).status).toBe(202);
    await waitFor(async () => (await stack.db.query("SELECT 1 FROM refunds WHERE tenant_id = $1", [p.tenantId])).rowCount === 1, 20_000, "the refund");
    expect((await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 10_000, currency: "BRL", clickId, status: "paid" })).status).toBe(202);
    await waitFor(() => commissionOf(p, order), 20_000, "the commission");
    await drainQueue(stack);
    expect(Number((await commissionOf(p, order)).reversed_amount)).toBe(0);
  });
});


describe("an order refunded or cancelled before its click lands", () => {
  it("earns its commission with the refund's share already taken back; a cancelled one keeps nothing", async () => {
    const p = await seedTestProgram(stack);
    const refundedClick = clickEvent(p, { ts: Date.now() - 3_600_000 });
    const cancelledClick = clickEvent(p, { ts: Date.now() - 3_500_000 });
    const refunded = orderId();
    const cancelled = orderId();
    expect((await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: refunded, amount: 10_000, currency: "BRL", clickId: refundedClick.id, status: "paid" })).status).toBe(202);
    expect((await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: cancelled, amount: 10_000, currency: "BRL", clickId: cancelledClick.id, status: "paid" })).status).toBe(202);
    expect((await serverPost(stack, "/v1/refunds", p.apiKey, { orderId: refunded, amount: 5_000, currency: "BRL", refundId: "late-1" })).status).toBe(202);
    expect((await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: cancelled, amount: 10_000, currency: "BRL", clickId: cancelledClick.id, status: "cancelled" })).status).toBe(202);
    await drainQueue(stack);
    expect((await stack.db.query("SELECT 1 FROM commissions WHERE tenant_id = $1", [p.tenantId])).rowCount).toBe(0);

    await deliverClickLate(stack, refundedClick);
    await deliverClickLate(stack, cancelledClick);
    await waitFor(() => commissionOf(p, refunded), 20_000, "the refunded order's commission");
    await drainQueue(stack);
    expect(await commissionOf(p, refunded)).toEqual({ amount: "1000", reversed_amount: "500" });
    // A cancelled order earns nothing: either no commission at all, or one taken back whole.
    const c = await commissionOf(p, cancelled);
    if (c) expect(c.reversed_amount).toBe(c.amount);
  });
});
