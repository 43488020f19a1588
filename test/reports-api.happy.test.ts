/**
 * GET /v1/reports/summary (and the balances) against clicks and orders sent through the real Workers:
 * every number is derived from what the test sent, days in the merchant's time zone (Tokyo here).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, jsonOf } from "./helpers/api";
import { tokenFor } from "./helpers/auth";
import { addAffiliate, clickOn, placeOrder } from "./helpers/program-activity";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { serverPost } from "./helpers/tracking";
import { newId } from "../core/ids";
import type { SeededProgram } from "../scripts/lib/seed-program";

let stack: TestStack;
let p: SeededProgram;
let bruno: Awaited<ReturnType<typeof addAffiliate>>;
const days = new Map<string, { clicks: number; conversions: number }>();
const tokyoDay = (at: Date | string) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(new Date(at));
const count = (at: Date | string, what: "clicks" | "conversions") => {
  const row = days.get(tokyoDay(at)) ?? { clicks: 0, conversions: 0 };
  row[what]++;
  days.set(tokyoDay(at), row);
};

beforeAll(async () => {
  stack = await startTestStack();
  p = await seedTestProgram(stack);
  await stack.db.query("UPDATE tenants SET timezone = 'Asia/Tokyo' WHERE id = $1", [p.tenantId]);
  bruno = await addAffiliate(stack, p, { subIds: { sub1: "instagram" } });
  const [v1, v2] = [newId("visitor"), newId("visitor")];
  const c1 = await clickOn(stack, p.code, { visitorId: v1 });
  const c2 = await clickOn(stack, p.code, { visitorId: v1 }); // a repeat: counted, same visitor
  const c3 = await clickOn(stack, p.code, { visitorId: v2 });
  const c4 = await clickOn(stack, bruno.code, { query: "?gclid=brand" }); // paid-search rule: flagged
  for (const c of [c1, c2, c3, c4]) count(c.at, "clicks");
  const orders = [
    await placeOrder(stack, p, { amount: 10_000, clickId: c1.clickId }),
    await placeOrder(stack, p, { amount: 3_000, currency: "USD", clickId: c3.clickId }),
    await placeOrder(stack, p, { amount: 20_000, clickId: c4.clickId }),
    await placeOrder(stack, p, { amount: 5_000 }), // matched to nobody
  ];
  for (const o of orders) count(o.occurredAt, "conversions");
  const cancelled = await placeOrder(stack, p, { amount: 7_000, clickId: c3.clickId });
  expect((await callApi(stack, "POST", `/v1/conversions/${cancelled.id}/status`, { key: p.apiKey, body: { status: "cancelled" } })).status).toBe(200);
});
afterAll(() => stack?.close());

/**
 * The last Tokyo day the test sent anything on. Orders are placed an hour ahead (placeOrder), which from 14:00
 * to 15:00 UTC is the next Tokyo day, past the report's default range (which ends today): ranges end there.
 */
const lastDay = () => [...days.keys()].sort().at(-1)!;
const report = async (query: string, key = p.apiKey) => {
  const range = query.includes("to=") ? "" : `&to=${lastDay()}`;
  const res = await callApi(stack, "GET", `/v1/reports/summary?${query}${range}`, { key });
  const body = await jsonOf(res);
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
};
// Nothing here is refunded: gross and net revenue are equal (test/reports-refunds.happy.test.ts covers refunds).
const brl = (revenue: number, commission: number) => ({ currency: "BRL", revenue, refunded: 0, netRevenue: revenue, commission });
const usd = (revenue: number, commission: number) => ({ currency: "USD", revenue, refunded: 0, netRevenue: revenue, commission });

describe("GET /v1/reports/summary", () => {
  it("by affiliate: clicks, visitors, flagged clicks, orders, and money per currency; cancelled orders left out", async () => {
    // Without a range the report ends today, in the merchant's time zone.
    const defaults = await jsonOf(await callApi(stack, "GET", "/v1/reports/summary?groupBy=affiliate", { key: p.apiKey }));
    expect(defaults).toMatchObject({ groupBy: "affiliate", timezone: "Asia/Tokyo", to: tokyoDay(new Date()) });
    const body = await report("groupBy=affiliate");
    expect(body).toMatchObject({ groupBy: "affiliate", timezone: "Asia/Tokyo", to: lastDay() });
    expect(body.rows).toEqual([
      { key: p.affiliateId, clicks: 3, uniqueVisitors: 2, flaggedClicks: 0, conversions: 2, conversionsFromClicks: 2, amounts: [brl(10_000, 1_000), usd(3_000, 300)] },
      { key: bruno.affiliateId, clicks: 1, uniqueVisitors: 1, flaggedClicks: 1, conversions: 1, conversionsFromClicks: 1, amounts: [brl(20_000, 2_000)] },
      { key: null, clicks: 0, uniqueVisitors: 0, flaggedClicks: 0, conversions: 1, conversionsFromClicks: 0, amounts: [brl(5_000, 0)] },
    ]);
  });

  it("by campaign and by sub-id", async () => {
    expect((await report("groupBy=campaign")).rows).toEqual([
      { key: p.campaignId, clicks: 4, uniqueVisitors: 3, flaggedClicks: 1, conversions: 3, conversionsFromClicks: 3, amounts: [brl(30_000, 3_000), usd(3_000, 300)] },
      { key: null, clicks: 0, uniqueVisitors: 0, flaggedClicks: 0, conversions: 1, conversionsFromClicks: 0, amounts: [brl(5_000, 0)] },
    ]);
    expect((await report("groupBy=subId&subIdKey=sub1")).rows).toEqual([
      { key: "instagram", clicks: 1, uniqueVisitors: 1, flaggedClicks: 1, conversions: 1, conversionsFromClicks: 1, amounts: [brl(20_000, 2_000)] },
      { key: null, clicks: 3, uniqueVisitors: 2, flaggedClicks: 0, conversions: 3, conversionsFromClicks: 2, amounts: [brl(15_000, 1_000), usd(3_000, 300)] },
    ]);
  });

  it("by day in the merchant's time zone, and nothing outside the range", async () => {
    const rows = (await report("groupBy=day")).rows;
    expect(rows.map((r: { key: string; clicks: number; conversions: number }) => [r.key, r.clicks, r.conversions])).toEqual([...days.entries()].sort().map(([d, v]) => [d, v.clicks, v.conversions]));
    expect((await report("groupBy=day&from=2020-01-01&to=2020-12-31")).rows).toEqual([]);
  });

  it("counts orders from clicks apart: a coupon-only order is an order, but no click brought it (rollups and raw tables agree)", async () => {
    const q = await seedTestProgram(stack);
    const click = await clickOn(stack, q.code);
    await placeOrder(stack, q, { amount: 10_000, clickId: click.clickId });
    expect((await callApi(stack, "POST", "/v1/coupons", { key: q.apiKey, body: { code: "ANA10", campaignId: q.campaignId, affiliateId: q.affiliateId } })).status).toBe(201);
    const coupon = { orderId: `cupom-${newId("visitor").slice(-8)}`, amount: 20_000, currency: "BRL", coupon: "ANA10", occurredAt: new Date(Date.now() + 3_600_000).toISOString() };
    expect((await serverPost(stack, "/v1/conversions", q.apiKey, coupon)).status).toBe(202);
    await waitFor(async () => (await stack.db.query("SELECT 1 FROM conversions WHERE tenant_id = $1 AND order_id = $2", [q.tenantId, coupon.orderId])).rowCount === 1, 20_000, "the coupon order");
    const day = (ms: number) => new Date(Date.now() + ms).toISOString().slice(0, 10);
    const range = `from=${day(-2 * 86_400_000)}&to=${day(2 * 86_400_000)}`;
    // Both orders are the affiliate's, one click: conversions / clicks would be a 200% "conversion rate".
    for (const query of ["groupBy=affiliate", "groupBy=subId&subIdKey=sub2"]) {
      const rows = (await report(`${query}&${range}`, q.apiKey)).rows;
      expect(rows, query).toEqual([expect.objectContaining({ clicks: 1, conversions: 2, conversionsFromClicks: 1 })]);
    }
  });

  it("filters by campaign and affiliate, and gives affiliate users only their own rows", async () => {
    expect((await report(`groupBy=campaign&campaignId=${p.campaignId}&affiliateId=${p.affiliateId}`)).rows).toEqual([
      { key: p.campaignId, clicks: 3, uniqueVisitors: 2, flaggedClicks: 0, conversions: 2, conversionsFromClicks: 2, amounts: [brl(10_000, 1_000), usd(3_000, 300)] },
    ]);
    const token = await tokenFor(stack, p.tenantId, "affiliate", { affiliateId: bruno.affiliateId });
    const expected = [{ key: p.campaignId, clicks: 1, uniqueVisitors: 1, flaggedClicks: 1, conversions: 1, conversionsFromClicks: 1, amounts: [brl(20_000, 2_000)] }];
    expect((await report("groupBy=campaign", token)).rows).toEqual(expected);
    expect((await report(`groupBy=campaign&affiliateId=${p.affiliateId}`, token)).rows).toEqual([]);
  });
});

describe("GET /v1/balances and /v1/payouts", () => {
  it("shows pending commissions until approved, locked until their lock period ends, then available; payouts are listed from the ledger", async () => {
    const balances = async (key = p.apiKey) => (await jsonOf(await callApi(stack, "GET", "/v1/balances", { key }))).items;
    expect(await balances()).toEqual([
      { affiliateId: p.affiliateId, balances: [{ currency: "BRL", available: 0, locked: 0, pending: 1_000, paid: 0, clawbackCarried: 0 }, { currency: "USD", available: 0, locked: 0, pending: 300, paid: 0, clawbackCarried: 0 }] },
      { affiliateId: bruno.affiliateId, balances: [{ currency: "BRL", available: 0, locked: 0, pending: 2_000, paid: 0, clawbackCarried: 0 }] },
    ]);
    const { rows } = await stack.db.query("SELECT id FROM commissions WHERE tenant_id = $1 AND affiliate_id = $2 AND currency = 'BRL' AND status = 'pending'", [p.tenantId, p.affiliateId]);
    await callApi(stack, "POST", "/v1/commissions/decisions", { key: p.apiKey, body: { action: "approve", ids: rows.map((r) => r.id) } });
    // Approved the day the order came in: no payout batch pays it inside the returns window, so neither is it available.
    expect((await balances())[0].balances[0]).toEqual({ currency: "BRL", available: 0, locked: 1_000, pending: 0, paid: 0, clawbackCarried: 0 });
    await stack.db.query("UPDATE commissions SET lock_until = now() - interval '1 day' WHERE id = ANY($1)", [rows.map((r) => r.id)]);
    await stack.db.query("INSERT INTO ledger_entries (id, tenant_id, affiliate_id, currency, amount, kind, entry_key) VALUES ($1, $2, $3, 'BRL', -400, 'payout', 'payout:pay_1')", [newId("ledgerEntry"), p.tenantId, p.affiliateId]);
    expect((await balances())[0].balances[0]).toEqual({ currency: "BRL", available: 600, locked: 0, pending: 0, paid: 400, clawbackCarried: 0 });
    const payouts = await jsonOf(await callApi(stack, "GET", "/v1/payouts", { key: p.apiKey }));
    expect(payouts).toEqual({ items: [{ id: expect.stringMatching(/^led_/), affiliateId: p.affiliateId, currency: "BRL", amount: 400, reference: "payout:pay_1", createdAt: expect.any(String) }], nextCursor: null });
    const token = await tokenFor(stack, p.tenantId, "affiliate", { affiliateId: bruno.affiliateId });
    expect((await balances(token)).map((b: { affiliateId: string }) => b.affiliateId)).toEqual([bruno.affiliateId]);
    expect((await jsonOf(await callApi(stack, "GET", "/v1/payouts", { key: token }))).items).toEqual([]);
  });
});
