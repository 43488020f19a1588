/**
 * A refund larger than what is left of its order (its amount minus the refunds stored before) was stored
 * and applied: reports showed a negative net and the reversal took back more than was paid. Now it is
 * parked whole in failed_events with the reason, and nothing of it is stored or taken back; a refund of
 * exactly what is left, and a redelivered refund, work as before. Two refunds of one order written by two
 * transactions at once take turns on the order's lock (migration 0028): together they cannot exceed it.
 */
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RefundMessage } from "../core/schemas/queue-event";
import { rowsOf, type Database } from "../db/client";
import * as schema from "../db/schema";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { storeMessages } from "../workers/ingest/src/services/store-messages";
import { callApi, jsonOf } from "./helpers/api";
import { drainQueue } from "./helpers/ingest-fixtures";
import { paidOrder } from "./helpers/paid-order";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { serverPost } from "./helpers/tracking";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);
afterAll(() => stack?.close());


const refund = (p: SeededProgram, order: string, amount: number, refundId: string) =>
  serverPost(stack, "/v1/refunds", p.apiKey, { orderId: order, amount, currency: "BRL", refundId }).then((r) => expect(r.status).toBe(202));
const reversedOf = async (p: SeededProgram) =>
  Number((await stack.db.query("SELECT reversed_amount FROM commissions WHERE tenant_id = $1", [p.tenantId])).rows[0].reversed_amount);
const refundKeys = async (p: SeededProgram) =>
  (await stack.db.query("SELECT refund_key FROM refunds WHERE tenant_id = $1 ORDER BY received_at", [p.tenantId])).rows.map((r) => r.refund_key);
const parked = async (p: SeededProgram) =>
  (await stack.db.query<{ reason: string }>("SELECT reason FROM failed_events WHERE tenant_id = $1 ORDER BY created_at", [p.tenantId])).rows.map((r) => r.reason);
const report = async (p: SeededProgram) =>
  (await stack.db.query("SELECT sum(revenue)::int AS revenue, sum(refunded)::int AS refunded, sum(commission)::int AS commission FROM report_daily WHERE tenant_id = $1", [p.tenantId])).rows[0];

describe("a refund larger than what is left of its order", () => {
  it("is parked with the reason, and nothing of it is stored or taken back", async () => {
    const p = await seedTestProgram(stack);
    const order = await paidOrder(stack, p);
    await refund(p, order, 12_000, "r-over");
    await drainQueue(stack);
    expect(await parked(p)).toEqual([`refund of 12000 BRL on order ${order} exceeds what is left of it (10000 BRL of 10000 BRL, 0 refunded before): send at most 10000`]);
    expect(await refundKeys(p)).toEqual([]);
    expect(await reversedOf(p)).toBe(0);
    expect(await report(p)).toEqual({ revenue: 10_000, refunded: 0, commission: 1_000 });
    const listed = await jsonOf(await callApi(stack, "GET", "/v1/failed-events?status=pending", { key: p.apiKey }));
    expect(listed.items).toEqual([expect.objectContaining({ eventType: "refund", reason: expect.stringContaining("send at most 10000") })]);

    // The same refund id with the right amount was never stored: it goes through.
    await refund(p, order, 10_000, "r-over");
    await waitFor(async () => (await reversedOf(p)) === 1_000, 20_000, "the corrected refund's reversal");
    expect(await report(p)).toEqual({ revenue: 10_000, refunded: 10_000, commission: 0 });
  });

  it("takes exactly what is left; a further refund is parked; a redelivered one stays a no-op", async () => {
    const p = await seedTestProgram(stack);
    const order = await paidOrder(stack, p);
    await refund(p, order, 6_000, "r-1");
    await waitFor(async () => (await reversedOf(p)) === 600, 20_000, "the first partial refund");
    await refund(p, order, 6_000, "r-2");
    await drainQueue(stack);
    expect(await parked(p)).toEqual([`refund of 6000 BRL on order ${order} exceeds what is left of it (4000 BRL of 10000 BRL, 6000 refunded before): send at most 4000`]);
    expect(await reversedOf(p)).toBe(600);

    await refund(p, order, 4_000, "r-3");
    await waitFor(async () => (await reversedOf(p)) === 1_000, 20_000, "the exact remaining refund");
    // Redelivered: already stored, so not judged against its own share, and applied once only.
    await refund(p, order, 4_000, "r-3");
    await refund(p, order, 6_000, "r-1");
    await drainQueue(stack);
    expect(await refundKeys(p)).toEqual(["r-1", "r-3"]);
    expect(await parked(p)).toHaveLength(1);
    expect(await reversedOf(p)).toBe(1_000);
    expect(await report(p)).toEqual({ revenue: 10_000, refunded: 10_000, commission: 0 });
  });

  it("two refunds of one order written by two transactions at once cannot together exceed it", async () => {
    const p = await seedTestProgram(stack);
    const order = await paidOrder(stack, p);
    // drizzle's node-postgres and Neon databases share the query API storeMessages uses; the types differ.
    const orm = drizzle({ client: stack.db, schema }) as unknown as Database;
    const message = (refundKey: string, receivedAt: number): RefundMessage => ({ type: "refund", v: 1, tenantId: p.tenantId, receivedAt, refundKey, input: { orderId: order, amount: 6_000, currency: "BRL" } });

    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    let firstStored = () => {};
    const stored = new Promise<void>((r) => (firstStored = r));
    const first = orm.transaction(async (tx) => {
      await storeMessages(tx, [message("r-a", Date.now())]);
      firstStored();
      await held; // open, with its refund uncommitted, while the second runs
    });
    await stored;
    let secondPid = 0;
    const second = orm.transaction(async (tx) => {
      secondPid = Number(rowsOf(await tx.execute<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`))[0].pid);
      await storeMessages(tx, [message("r-b", Date.now())]);
    });
    await waitFor(async () => secondPid !== 0 && (await stack.db.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'", [secondPid])).rowCount === 1, 10_000, "the second refund waiting for the order's turn");
    release();
    await Promise.all([first, second]);

    expect(await refundKeys(p)).toEqual(["r-a"]);
    expect(await parked(p)).toEqual([`refund of 6000 BRL on order ${order} exceeds what is left of it (4000 BRL of 10000 BRL, 6000 refunded before): send at most 4000`]);
    expect(await reversedOf(p)).toBe(600);
  });
});
