/**
 * A merchant's server resends an order with other figures (found by an outside walkthrough: placed 10000,
 * then paid 12000, and the order stayed at 10000 with nobody told). The figures now follow the server's move
 * forward to paid or fulfilled, with the pending commission made again and the reports counting the order
 * once at its new amount; other figures at a status already reached are kept and told in GET /v1/failed-events.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import { rollupFromRawSql, storedRollupSql } from "../db/queries/report-recompute";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { callApi, jsonOf } from "./helpers/api";
import { drainQueue } from "./helpers/ingest-fixtures";
import { clickOn, commissionsOfOrder } from "./helpers/program-activity";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { conversionOf, orderId, serverPost } from "./helpers/tracking";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

type Report = { orderId: string; amount: number; status: string; clickId: string; occurredAt: string };

async function send(p: SeededProgram, r: Report): Promise<void> {
  const res = await serverPost(stack, "/v1/conversions", p.apiKey, { currency: "BRL", ...r });
  expect(res.status, await res.clone().text()).toBe(202);
}

/** A clicked order's first report, stored with its commission (the seeded campaign pays 10%). */
async function firstReport(p: SeededProgram, amount: number, status: string): Promise<Report> {
  const click = await clickOn(stack, p.code, { visitorId: newId("visitor") });
  // An hour ahead, so the order is not flagged as click injection.
  const report = { orderId: orderId(), amount, status, clickId: click.clickId, occurredAt: new Date(Date.now() + 3_600_000).toISOString() };
  await send(p, report);
  await waitFor(async () => (await commissionsOfOrder(stack, p.tenantId, report.orderId)).length === 1, 20_000, "the order and its commission");
  return report;
}

const order = async (p: SeededProgram, r: Report) => {
  const row = await conversionOf(stack, p.tenantId, r.orderId);
  return { status: row.status, amount: Number(row.amount), currency: row.currency };
};
const commissions = async (p: SeededProgram, r: Report) =>
  (await commissionsOfOrder(stack, p.tenantId, r.orderId)).map((c) => ({ amount: Number(c.amount), status: c.status }));
const notices = async (p: SeededProgram) => {
  const res = await callApi(stack, "GET", "/v1/failed-events?status=pending", { key: p.apiKey });
  expect(res.status).toBe(200);
  return ((await jsonOf(res)).items as { reason: string; source: string }[]).map((i) => i.reason);
};
const newProgram = async () => {
  const p = await seedTestProgram(stack);
  await stack.db.query("UPDATE tenants SET timezone = 'UTC' WHERE id = $1", [p.tenantId]);
  return p;
};

describe("an order resent by the merchant's server", () => {
  it("placed 10000 then paid 12000: the order, its pending commission and the reports take 12000, once", async () => {
    const p = await newProgram();
    const placed = await firstReport(p, 10_000, "placed");
    expect(await commissions(p, placed)).toEqual([{ amount: 1_000, status: "pending" }]);

    await send(p, { ...placed, amount: 12_000, status: "paid" });
    await waitFor(async () => (await order(p, placed)).status === "paid", 20_000, "the paid report");
    expect(await order(p, placed)).toEqual({ status: "paid", amount: 12_000, currency: "BRL" });
    expect(await commissions(p, placed)).toEqual([{ amount: 1_200, status: "pending" }]);

    const day = placed.occurredAt.slice(0, 10);
    const from = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const res = await callApi(stack, "GET", `/v1/reports/summary?groupBy=day&from=${from}&to=${day}`, { key: p.apiKey });
    const rows = (await jsonOf(res)).rows as { key: string; conversions: number; amounts: { currency: string; revenue: number; commission: number }[] }[];
    expect(rows.filter((r) => r.conversions > 0)).toEqual([
      expect.objectContaining({ key: day, conversions: 1, amounts: [expect.objectContaining({ currency: "BRL", revenue: 12_000, commission: 1_200 })] }),
    ]);
    // The rollup trigger took the old facts out and put the new ones in: it equals a recount from the raw tables.
    const stored = (await stack.db.query(storedRollupSql("day"), [p.tenantId])).rows;
    expect(stored).toEqual((await stack.db.query(rollupFromRawSql("day"), [p.tenantId])).rows);
    expect(await notices(p)).toEqual([]);
  });

  it("paid 12000 then paid 15000: keeps 12000 and tells the merchant once; a redelivery of the same message tells nothing", async () => {
    const p = await newProgram();
    const paid = await firstReport(p, 12_000, "paid");
    await send(p, paid); // the same message again
    await drainQueue(stack);
    expect(await notices(p)).toEqual([]);

    await send(p, { ...paid, amount: 15_000 });
    await waitFor(async () => (await notices(p)).length === 1, 20_000, "the notice");
    expect(await notices(p)).toEqual([
      `order ${paid.orderId} resent with amount 15000 BRL at status paid; it keeps 12000 BRL: an order's figures change only with a status move forward (placed → paid → fulfilled) or a refund`,
    ]);
    expect(await order(p, paid)).toEqual({ status: "paid", amount: 12_000, currency: "BRL" });
    expect(await commissions(p, paid)).toEqual([{ amount: 1_200, status: "pending" }]);

    await send(p, { ...paid, amount: 15_000 }); // the resend delivered again
    await send(p, paid);
    await drainQueue(stack);
    expect(await notices(p)).toHaveLength(1);
  });

  it("a commission the merchant approved stays as approved when the figures move on (money decided is not altered silently)", async () => {
    const p = await newProgram();
    const placed = await firstReport(p, 10_000, "placed");
    await stack.db.query("UPDATE commissions SET status = 'approved' WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, placed.orderId]);
    await send(p, { ...placed, amount: 12_000, status: "paid" });
    await waitFor(async () => (await order(p, placed)).status === "paid", 20_000, "the paid report");
    expect(await order(p, placed)).toEqual({ status: "paid", amount: 12_000, currency: "BRL" });
    expect(await commissions(p, placed)).toEqual([{ amount: 1_000, status: "approved" }]);
  });

  it("paid then cancelled with another amount: keeps the amount and takes the commission back as before", async () => {
    const p = await newProgram();
    const paid = await firstReport(p, 12_000, "paid");
    await send(p, { ...paid, amount: 1, status: "cancelled" });
    await waitFor(async () => (await order(p, paid)).status === "cancelled", 20_000, "the cancellation");
    expect(await order(p, paid)).toEqual({ status: "cancelled", amount: 12_000, currency: "BRL" });
    await waitFor(async () => (await commissions(p, paid))[0]?.status === "reversed", 20_000, "the reversal");
    expect(await notices(p)).toEqual([]);
  });

  it("a placed report arriving after paid changes nothing", async () => {
    const p = await newProgram();
    const paid = await firstReport(p, 12_000, "paid");
    await send(p, { ...paid, amount: 10_000, status: "placed" });
    // Routine under at-least-once delivery (the original report arriving late): applied to nothing, told nothing.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await order(p, paid)).toEqual({ status: "paid", amount: 12_000, currency: "BRL" });
    expect(await commissions(p, paid)).toEqual([{ amount: 1_200, status: "pending" }]);
    expect(await notices(p)).toEqual([]);
  });
});
