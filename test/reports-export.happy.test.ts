/** Report dimensions beyond the summary's first four, the comparison period, the CSV export and the real-time minutes. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { callApi, jsonOf } from "./helpers/api";
import { clickOn, placeOrder } from "./helpers/program-activity";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
let p: SeededProgram;

beforeAll(async () => {
  stack = await startTestStack();
  p = await seedTestProgram(stack, { subIds: { sub1: "news,letter" } });
  const v = newId("visitor");
  const c1 = await clickOn(stack, p.code, { visitorId: v });
  await clickOn(stack, p.code, { visitorId: v });
  await placeOrder(stack, p, { amount: 10_000, clickId: c1.clickId, occurredAt: new Date().toISOString() });
});
afterAll(() => stack?.close());

const get = async (path: string) => {
  const res = await callApi(stack, "GET", path, { key: p.apiKey });
  expect(res.status).toBe(200);
  return res;
};

describe("reports", () => {
  it("group by device and by the merchant's hours, filter by device, compare with the previous period", async () => {
    const byDevice = await jsonOf(await get("/v1/reports/summary?groupBy=device&compare=previous"));
    expect(byDevice.rows).toEqual([{ key: "desktop", clicks: 2, uniqueVisitors: 1, flaggedClicks: 0, conversions: 1, conversionsFromClicks: 1, amounts: [{ currency: "BRL", revenue: 10_000, refunded: 0, netRevenue: 10_000, commission: 1_000 }] }]);
    expect(byDevice.previous).toMatchObject({ rows: [] });
    expect(byDevice.previous.to < byDevice.from).toBe(true);
    const byHour = await jsonOf(await get("/v1/reports/summary?groupBy=hour&device=desktop"));
    expect(byHour.rows.reduce((n: number, r: { clicks: number }) => n + r.clicks, 0)).toBe(2);
    expect((await jsonOf(await get("/v1/reports/summary?groupBy=campaign&device=mobile"))).rows).toEqual([]);
  });

  it("exports CSV with quoting, one line per key and currency", async () => {
    const res = await get("/v1/reports/export?groupBy=subId");
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(await res.text()).toBe("key,clicks,unique_visitors,flagged_clicks,conversions,currency,revenue,commission,refunded,net_revenue,conversions_from_clicks\n" + '"news,letter",2,1,0,1,BRL,10000,1000,0,10000,1\n');
  });

  it("shows the last minutes per minute", async () => {
    const body = await jsonOf(await get("/v1/reports/realtime?minutes=10"));
    expect(body.minutes.reduce((n: number, m: { clicks: number }) => n + m.clicks, 0)).toBe(2);
    expect(body.minutes.flatMap((m: { amounts: unknown[] }) => m.amounts)).toEqual([{ currency: "BRL", revenue: 10_000, refunded: 0, netRevenue: 10_000 }]);
  });
});
