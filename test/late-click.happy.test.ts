/**
 * An order that arrives before its click (the click still in the queue, or parked and replayed later) is
 * matched to its affiliate and earns its commission when the click lands, once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import { clickEvent } from "./helpers/events";
import { ADMIN_TOKEN, seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { orderId, serverPost } from "./helpers/tracking";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

/** Sends a click through the queue the way a replay of a parked event does. */
async function deliverClick(tenantId: string, event: ReturnType<typeof clickEvent>): Promise<void> {
  const failedId = newId("failedEvent");
  await stack.db.query(
    "INSERT INTO failed_events (id, tenant_id, source, event_type, event_id, payload, reason) VALUES ($1, $2, 'queue:indica-events-dlq', 'click', $3, $4, 'delayed in this test')",
    [failedId, tenantId, event.id, JSON.stringify(event)],
  );
  const res = await stack.fetch("indica-ingest", "https://ingest.test/admin/failed-events/replay", {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ ids: [failedId] }),
  });
  expect(res.status).toBe(200);
  await res.arrayBuffer();
}

describe("an order before its click", () => {
  it("gets its affiliate and commission when the click lands, and only once", async () => {
    const p = await seedTestProgram(stack);
    const click = clickEvent(p, { ts: Date.now() - 3_600_000 });
    const order = orderId();
    expect((await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 30_000, currency: "BRL", clickId: click.id, status: "paid" })).status).toBe(202);
    const stored = await waitFor(async () => (await stack.db.query("SELECT matched_click_id, matched_affiliate_id FROM conversions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order])).rows[0], 20_000, "the order");
    expect(stored).toEqual({ matched_click_id: click.id, matched_affiliate_id: null });
    expect((await stack.db.query("SELECT 1 FROM commissions WHERE tenant_id = $1", [p.tenantId])).rowCount).toBe(0);

    await deliverClick(p.tenantId, click);
    const commission = await waitFor(async () => (await stack.db.query("SELECT affiliate_id, amount FROM commissions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order])).rows[0], 20_000, "the commission");
    expect(commission).toEqual({ affiliate_id: p.affiliateId, amount: "3000" });
    const matched = await stack.db.query("SELECT matched_affiliate_id FROM conversions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order]);
    expect(matched.rows[0].matched_affiliate_id).toBe(p.affiliateId);

    // The click delivered again changes nothing.
    await deliverClick(p.tenantId, click);
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await stack.db.query("SELECT 1 FROM commissions WHERE tenant_id = $1", [p.tenantId])).rowCount).toBe(1);
  });
});
