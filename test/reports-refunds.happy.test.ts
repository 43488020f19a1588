/**
 * Report revenue net of refunds: an order, a partial refund, a second refund and a redelivery of the first,
 * through the real Workers. Every report (summary by day and by hour, the raw-table sub-id path, the CSV
 * export, the last minutes) shows gross revenue, refunded and net per currency; the refund counts with the
 * ORDER's day and hour (not the refund's), once, and the rollups equal a recomputation from the raw tables.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import { rollupFromRawSql, storedRollupSql, type Grain } from "../db/queries/report-recompute";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { callApi, jsonOf } from "./helpers/api";
import { drainQueue } from "./helpers/ingest-fixtures";
import { clickOn, placeOrder } from "./helpers/program-activity";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { serverPost } from "./helpers/tracking";

let stack: TestStack;
let p: SeededProgram;
let order: Awaited<ReturnType<typeof placeOrder>>;
let day: string;
let from: string;

beforeAll(async () => {
  stack = await startTestStack();
  p = await seedTestProgram(stack, { subIds: { sub1: "mail", sub2: "promo" } });
  await stack.db.query("UPDATE tenants SET timezone = 'UTC' WHERE id = $1", [p.tenantId]);
  const click = await clickOn(stack, p.code, { visitorId: newId("visitor") });
  // Two hours ahead: the refunds below are received (and occur) in another hour than the order.
  order = await placeOrder(stack, p, { amount: 10_000, clickId: click.clickId, occurredAt: new Date(Date.now() + 2 * 3_600_000).toISOString() });
  day = order.occurredAt.slice(0, 10);
  from = click.at.toISOString().slice(0, 10); // the same day unless the test runs just before midnight UTC
}, 120_000);
afterAll(() => stack?.close());

const refund = async (refundId: string, amount: number) => {
  const res = await serverPost(stack, "/v1/refunds", p.apiKey, { orderId: order.orderId, amount, currency: "BRL", refundId });
  expect(res.status).toBe(202);
};
const refundsStored = (n: number) =>
  waitFor(async () => (await stack.db.query("SELECT 1 FROM refunds WHERE tenant_id = $1", [p.tenantId])).rowCount === n, 20_000, `${n} refunds`);
const summary = async (query: string) => {
  const res = await callApi(stack, "GET", `/v1/reports/summary?${query}&from=${from}&to=${day}`, { key: p.apiKey });
  const body = await jsonOf(res);
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body.rows as { key: string | null; conversions: number; amounts: unknown[] }[];
};
const brl = (revenue: number, refunded: number, commission: number) => ({ currency: "BRL", revenue, refunded, netRevenue: revenue - refunded, commission });
const compare = async (grain: Grain) => {
  const stored = (await stack.db.query(storedRollupSql(grain), [p.tenantId])).rows;
  expect(stored).toEqual((await stack.db.query(rollupFromRawSql(grain), [p.tenantId])).rows);
  return stored;
};

describe("reports net of refunds", () => {
  it("show gross, refunded and net after a partial refund, a second one and a redelivery of the first", async () => {
    const orderDay = async () => (await summary("groupBy=day")).find((r) => r.key === day)!;
    expect((await orderDay()).amounts).toEqual([brl(10_000, 0, 1_000)]);

    await refund("rf-1", 3_000);
    await refundsStored(1);
    await waitFor(async () => JSON.stringify((await orderDay()).amounts) === JSON.stringify([brl(10_000, 3_000, 700)]), 20_000, "the first refund in the report");

    await refund("rf-2", 2_000);
    await refund("rf-1", 3_000); // redelivered: the same refund id, stored once, counted once
    await refundsStored(2);
    await drainQueue(stack);

    expect(await orderDay()).toMatchObject({ key: day, conversions: 1, amounts: [brl(10_000, 5_000, 500)] });
    // By hour (the timeseries): in the order's hour, none in the hours the refunds arrived.
    const byHour = await summary("groupBy=hour");
    const orderHour = `${order.occurredAt.slice(0, 13)}:00`;
    expect(byHour.filter((r) => r.amounts.length > 0)).toEqual([expect.objectContaining({ key: orderHour, conversions: 1, amounts: [brl(10_000, 5_000, 500)] })]);
    // The raw-table path (sub-ids other than sub1) says the same.
    expect((await summary("groupBy=subId&subIdKey=sub2")).map((r) => [r.key, r.amounts])).toEqual([["promo", [brl(10_000, 5_000, 500)]]]);

    const daily = await compare("day");
    expect(daily.filter((r) => r.currency === "BRL").map((r) => [Number(r.revenue), Number(r.refunded)])).toEqual([[10_000, 5_000]]);
    await compare("hour");
  });

  it("export refunded and net revenue as the last CSV columns", async () => {
    const res = await callApi(stack, "GET", `/v1/reports/export?groupBy=subId&from=${from}&to=${day}`, { key: p.apiKey });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("key,clicks,unique_visitors,flagged_clicks,conversions,currency,revenue,commission,refunded,net_revenue,conversions_from_clicks\n" + "mail,1,1,0,1,BRL,10000,500,5000,5000,1\n");
  });

  it("take the refunds out with the order when it is cancelled", async () => {
    expect((await callApi(stack, "POST", `/v1/conversions/${order.id}/status`, { key: p.apiKey, body: { status: "cancelled" } })).status).toBe(200);
    expect((await summary("groupBy=day")).flatMap((r) => r.amounts)).toEqual([]);
    await compare("day");
    await compare("hour");
  });
});
