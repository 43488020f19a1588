/**
 * Refunds that arrive before their order are stored unchecked (there is nothing to check them against yet).
 * When the order arrives they are checked: one in another currency is never applied, and refunds adding up
 * to more than the order take its commission back whole. Before, the merchant was told neither; now each
 * is a note in GET /v1/failed-events (kept as a record, not replayable), told once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { callApi, jsonOf } from "./helpers/api";
import { clickLink, drainQueue, waitForClick } from "./helpers/ingest-fixtures";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { orderId, serverPost } from "./helpers/tracking";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);
afterAll(() => stack?.close());

const refund = (p: SeededProgram, body: object) => serverPost(stack, "/v1/refunds", p.apiKey, body).then((r) => expect(r.status).toBe(202));
const notes = async (p: SeededProgram) =>
  (await stack.db.query<{ source: string; reason: string }>("SELECT source, reason FROM failed_events WHERE tenant_id = $1 ORDER BY reason", [p.tenantId])).rows;
const commissionOf = async (p: SeededProgram, order: string) =>
  (await stack.db.query("SELECT amount::int AS amount, reversed_amount::int AS reversed FROM commissions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order])).rows[0];

async function orderArrives(p: SeededProgram, order: string): Promise<void> {
  const { clickId } = await clickLink(stack, p);
  await waitForClick(stack, clickId);
  const body = { orderId: order, amount: 10_000, currency: "BRL", clickId, status: "paid" };
  expect((await serverPost(stack, "/v1/conversions", p.apiKey, body)).status).toBe(202);
  await waitFor(async () => (await commissionOf(p, order)) !== undefined, 20_000, `commission of ${order}`);
}

describe("refunds stored before their order", () => {
  it("tells of a refund in another currency and of refunds adding up to more than the order, once", async () => {
    const p = await seedTestProgram(stack);
    const order = orderId();
    await refund(p, { orderId: order, amount: 6_000, currency: "BRL", refundId: "r-1" });
    await refund(p, { orderId: order, amount: 6_000, currency: "BRL" });
    await refund(p, { orderId: order, amount: 500, currency: "USD", refundId: "r-usd" });
    await drainQueue(stack);
    expect(await notes(p)).toEqual([]);

    await orderArrives(p, order);
    await waitFor(async () => (await commissionOf(p, order)).reversed === 1_000, 20_000, "the commission taken back whole");
    expect(await notes(p)).toEqual([
      { source: "refunds-before-order", reason: `refund r-usd of 500 USD was stored before order ${order} arrived, which is in BRL: it was not applied; send it again in BRL under a new refund id` },
      {
        source: "refunds-before-order",
        reason: `refunds stored before order ${order} arrived add up to 12000 BRL, more than its 10000 BRL (refund r-1 of 6000 BRL, a refund of 6000 BRL sent without a refund id): its commissions were taken back whole; check the refunds sent for it`,
      },
    ]);

    const listed = await jsonOf(await callApi(stack, "GET", "/v1/failed-events?status=pending", { key: p.apiKey }));
    expect(listed.items).toHaveLength(2);
    expect(listed.items[0]).toMatchObject({ source: "refunds-before-order", eventType: "conversion", eventId: order });
    const replay = await jsonOf(await callApi(stack, "POST", "/v1/failed-events/replay", { key: p.apiKey, body: { ids: [listed.items[0].id] } }));
    expect(replay).toMatchObject({ replayed: 0, skipped: [{ id: listed.items[0].id, reason: "not_replayable" }] });

    // The order sent again (a redelivery, or a status move) is not new: nothing is told twice.
    expect((await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 10_000, currency: "BRL", status: "fulfilled" })).status).toBe(202);
    await waitFor(async () => (await stack.db.query("SELECT status FROM conversions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order])).rows[0].status === "fulfilled", 20_000, "the status move");
    expect(await notes(p)).toHaveLength(2);
  });

  it("says nothing of refunds stored first that fit the order, and takes back their share", async () => {
    const p = await seedTestProgram(stack);
    const order = orderId();
    await refund(p, { orderId: order, amount: 4_000, currency: "BRL", refundId: "r-1" });
    await drainQueue(stack);
    await orderArrives(p, order);
    await waitFor(async () => (await commissionOf(p, order)).reversed === 400, 20_000, "the refund's share taken back");
    expect(await notes(p)).toEqual([]);
  });
});
