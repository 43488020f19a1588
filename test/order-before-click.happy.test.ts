/**
 * A shop whose clock or time zone is wrong (local time sent as UTC puts a Brazilian order 3 h early) sends
 * orders timed before their own click. The click named by the order was there first: the affiliate is
 * credited at the click's moment, the explanation says why, and the order is not taken for a fast conversion.
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

describe("an order timed before its own click", () => {
  it("earns its commission at the click's moment and says so", async () => {
    const p = await seedTestProgram(stack);
    const clickedAt = Date.now() - 3_600_000;
    const click = clickEvent(p, { ts: clickedAt });
    await deliverClickLate(stack, click);
    await waitFor(async () => (await stack.db.query("SELECT 1 FROM clicks WHERE id = $1", [click.id])).rowCount === 1, 20_000, "the click");

    // Placed 10 minutes after the click at 10:10 in São Paulo, sent as 10:10 UTC.
    const occurredAt = new Date(clickedAt + 10 * 60_000 - 3 * 3_600_000).toISOString();
    const order = orderId();
    const sent = await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 30_000, currency: "BRL", clickId: click.id, status: "paid", occurredAt });
    expect(sent.status).toBe(202);

    const commission = await waitFor(
      async () => (await stack.db.query("SELECT affiliate_id, amount, held_for_review, explanation FROM commissions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order])).rows[0],
      20_000,
      "the commission",
    );
    expect(commission).toMatchObject({ affiliate_id: p.affiliateId, amount: "3000", held_for_review: false });
    expect((commission.explanation as string[]).join(" | ")).toMatch(/is before its click at .*: attributed as placed at its click/);
    const conversion = await stack.db.query("SELECT fraud_reasons, flagged FROM conversions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order]);
    expect(conversion.rows[0]).toEqual({ fraud_reasons: ["order_before_click"], flagged: false });
    // The lock runs from the click's moment, not from the early clock's.
    const lock = await stack.db.query("SELECT lock_until FROM commissions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order]);
    expect((lock.rows[0].lock_until as Date).getTime()).toBeGreaterThanOrEqual(clickedAt);
  });
});
