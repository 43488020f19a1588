/**
 * A merchant replays their own failed event (POST /v1/failed-events/replay): a refund parked by the real
 * pipeline goes back on the queue, the row is marked replayed, and the consumer processes it again: parked
 * anew while the cause stands, applied once it is fixed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { callApi, jsonOf } from "./helpers/api";
import { paidOrder } from "./helpers/paid-order";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { serverPost } from "./helpers/tracking";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);
afterAll(() => stack?.close());


/** A USD refund of a BRL order, parked by the consumer: its failed event's id. */
async function parkedRefund(p: SeededProgram, order: string): Promise<string> {
  expect((await serverPost(stack, "/v1/refunds", p.apiKey, { orderId: order, amount: 5_000, currency: "USD", refundId: "r-usd" })).status).toBe(202);
  return waitFor(async () => (await stack.db.query("SELECT id FROM failed_events WHERE tenant_id = $1 AND event_type = 'refund'", [p.tenantId])).rows[0]?.id, 20_000, "the parked refund");
}

const failedRows = async (p: SeededProgram) =>
  (await stack.db.query("SELECT id, replayed_at, replay_count FROM failed_events WHERE tenant_id = $1 ORDER BY id", [p.tenantId])).rows;
const reversedOf = async (p: SeededProgram, order: string) =>
  Number((await stack.db.query("SELECT reversed_amount FROM commissions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order])).rows[0].reversed_amount);
const replay = (p: SeededProgram, body: unknown) => callApi(stack, "POST", "/v1/failed-events/replay", { key: p.apiKey, body });

describe("POST /v1/failed-events/replay", () => {
  it("replays a parked refund once; while the cause stands it is parked again as a new failed event", async () => {
    const p = await seedTestProgram(stack);
    const fev = await parkedRefund(p, await paidOrder(stack, p));

    const res = await replay(p, { ids: [fev] });
    expect(res.status).toBe(200);
    expect(await jsonOf(res)).toEqual({ replayed: 1, ids: [fev], skipped: [] });
    const reparked = await waitFor(async () => {
      const rows = await failedRows(p);
      return rows.length === 2 && rows;
    }, 20_000, "the refund parked again");
    expect(reparked.find((r) => r.id === fev)).toMatchObject({ replay_count: 1, replayed_at: expect.any(Date) });
    expect(reparked.find((r) => r.id !== fev)).toMatchObject({ replay_count: 0, replayed_at: null });

    // Asked again: nothing is sent twice, and the answer says why.
    expect(await jsonOf(await replay(p, { ids: [fev] }))).toEqual({ replayed: 0, ids: [], skipped: [{ id: fev, reason: "already_replayed" }] });
    const listed = await jsonOf(await callApi(stack, "GET", "/v1/failed-events?status=replayed", { key: p.apiKey }));
    expect(listed.items.map((i: { id: string }) => i.id)).toEqual([fev]);
  });

  it("once the cause is fixed, replaying every pending event applies the refund", async () => {
    const p = await seedTestProgram(stack);
    const order = await paidOrder(stack, p);
    const fev = await parkedRefund(p, order);
    // The data fix: the order had been recorded in the wrong currency.
    await stack.db.query("UPDATE conversions SET currency = 'USD' WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order]);

    expect(await jsonOf(await replay(p, {}))).toEqual({ replayed: 1, ids: [fev], skipped: [] });
    await waitFor(async () => (await reversedOf(p, order)) === 500, 20_000, "the replayed refund's reversal");
    expect((await stack.db.query("SELECT refund_key FROM refunds WHERE tenant_id = $1", [p.tenantId])).rows).toEqual([{ refund_key: "r-usd" }]);
    expect(await failedRows(p)).toEqual([expect.objectContaining({ id: fev, replay_count: 1 })]);
  });

  it("two replays at once send a row only once", async () => {
    const p = await seedTestProgram(stack);
    const fev = await parkedRefund(p, await paidOrder(stack, p));
    const answers = await Promise.all([replay(p, { ids: [fev] }), replay(p, { ids: [fev] })].map(async (r) => jsonOf(await r)));
    expect(answers.map((a) => a.replayed).sort()).toEqual([0, 1]);
    expect((await failedRows(p)).find((r) => r.id === fev)).toMatchObject({ replay_count: 1 });
  });
});
