/** Orders become commissions through the real pipeline: model, rules, window, review hold, refunds. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import { callApi } from "./helpers/api";
import { BROWSER_HEADERS, orderId, serverPost } from "./helpers/tracking";
import { ADMIN_TOKEN, seedTestProgram, startTestStack, TEST_LINK_DOMAIN, waitFor, type TestStack } from "./helpers/stack";


let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

async function click(code: string, cookie: string, query = ""): Promise<string> {
  const res = await stack.fetch("indica-redirect", `https://${TEST_LINK_DOMAIN}/${code}${query}`, { headers: { ...BROWSER_HEADERS, cookie } });
  const id = new URL(res.headers.get("location")!).searchParams.get("indica_cid")!;
  await waitFor(async () => (await stack.db.query("SELECT 1 FROM clicks WHERE id = $1", [id])).rowCount === 1, 20_000, "the click");
  return id;
}

const commissionsOf = (tenantId: string, order: string) =>
  stack.db.query("SELECT * FROM commissions WHERE tenant_id = $1 AND order_id = $2 ORDER BY affiliate_id", [tenantId, order]).then((r) => r.rows);

/** An order an hour after the click (a fast one would be flagged as click injection). */
const later = () => new Date(Date.now() + 3_600_000).toISOString();

describe("commissions", () => {
  it("pays the campaign's rate on an order, once, with the rule version and an explanation", async () => {
    const p = await seedTestProgram(stack);
    const clickId = await click(p.code, `indica_vid=${newId("visitor")}`);
    const order = orderId();
    const body = { orderId: order, amount: 25_000, currency: "BRL", clickId, occurredAt: later() };
    expect((await serverPost(stack, "/v1/conversions", p.apiKey, body)).status).toBe(202);
    expect((await serverPost(stack, "/v1/conversions", p.apiKey, { ...body, status: "paid" })).status).toBe(202);
    const rows = await waitFor(async () => {
      const r = await commissionsOf(p.tenantId, order);
      return r.length > 0 && r;
    }, 20_000, "the commission");
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await commissionsOf(p.tenantId, order)).toHaveLength(1);
    expect(rows[0]).toMatchObject({ affiliate_id: p.affiliateId, campaign_id: p.campaignId, amount: "2500", share_bp: 10_000, status: "pending", held_for_review: false, rules_version: 1 });
    expect(rows[0].explanation[0]).toMatch(/^last click over 1 touch/);
  });

  it("splits an order between two affiliates the shopper clicked, under a linear model, to the cent", async () => {
    const p = await seedTestProgram(stack);
    await stack.db.query(`UPDATE campaigns SET attribution_model = '{"kind":"linear"}', commission_rules = '{"version":2,"base":{"type":"percentage","bp":1000}}' WHERE id = $1`, [p.campaignId]);
    const other = newId("affiliate");
    await stack.db.query("INSERT INTO affiliates (id, tenant_id, name, email) VALUES ($1, $2, 'Bruno', $3)", [other, p.tenantId, `bruno+${other}@example.com`]);
    const code2 = `c2-${other.slice(-8).toLowerCase()}`;
    await stack.db.query("INSERT INTO links (id, tenant_id, campaign_id, affiliate_id, domain, code, destination_url) VALUES ($1, $2, $3, $4, $5, $6, 'https://loja.example/')", [newId("link"), p.tenantId, p.campaignId, other, TEST_LINK_DOMAIN, code2]);
    const cookie = `indica_vid=${newId("visitor")}`;
    await click(p.code, cookie);
    const last = await click(code2, cookie);
    const order = orderId();
    await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 10_001, currency: "BRL", clickId: last, occurredAt: later() });
    const rows = await waitFor(async () => {
      const r = await commissionsOf(p.tenantId, order);
      return r.length === 2 && r;
    }, 20_000, "two commissions");
    expect(rows.reduce((s, r) => s + Number(r.amount), 0)).toBe(1_000); // 10% of 100,01 = 10,00 (half to even)
    expect(rows.map((r) => r.share_bp).sort()).toEqual([5_000, 5_000]);
    expect(rows.every((r) => r.rules_version === 2)).toBe(true);
  });

  it("holds a commission on a flagged click for review, and takes back refunds proportionally, once", async () => {
    const p = await seedTestProgram(stack);
    const clickId = await click(p.code, `indica_vid=${newId("visitor")}`, "?gclid=brand");
    const order = orderId();
    await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 20_000, currency: "BRL", clickId, occurredAt: later() });
    const [c] = await waitFor(async () => {
      const r = await commissionsOf(p.tenantId, order);
      return r.length > 0 && r;
    }, 20_000, "the commission");
    expect(c).toMatchObject({ amount: "2000", held_for_review: true });

    const refund = { orderId: order, amount: 5_000, currency: "BRL", refundId: "r-1" };
    await serverPost(stack, "/v1/refunds", p.apiKey, refund);
    await serverPost(stack, "/v1/refunds", p.apiKey, refund);
    await waitFor(async () => (await commissionsOf(p.tenantId, order))[0].reversed_amount === "500", 20_000, "a quarter taken back");
    await serverPost(stack, "/v1/refunds", p.apiKey, { ...refund, refundId: "r-2", amount: 15_000 });
    const [after] = await waitFor(async () => {
      const r = await commissionsOf(p.tenantId, order);
      return r[0].status === "reversed" && r;
    }, 20_000, "fully reversed");
    expect(after.reversed_amount).toBe("2000");
  });

  it("keeps the exchange rate of the order's time and the amount in the merchant's currency", async () => {
    const p = await seedTestProgram(stack);
    const set = (rate: string, asOf: string) => callApi(stack, "POST", "/v1/fx-rates", { key: p.apiKey, body: { currency: "USD", rate, asOf } });
    expect((await set("5.000000", new Date(Date.now() - 86_400_000).toISOString())).status).toBe(201);
    expect((await set("6.5", new Date(Date.now() + 86_400_000).toISOString())).status).toBe(201);
    expect((await callApi(stack, "POST", "/v1/fx-rates", { key: p.apiKey, body: { currency: "USD", rate: "-1" } })).status).toBe(400);
    const usd = orderId();
    const brl = orderId();
    await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: usd, amount: 1_000, currency: "USD" });
    await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: brl, amount: 1_000, currency: "BRL" });
    const rows = await waitFor(async () => {
      const r = await stack.db.query("SELECT order_id, fx_rate_micros, default_currency_amount FROM conversions WHERE tenant_id = $1", [p.tenantId]);
      return r.rows.length === 2 && r.rows;
    }, 20_000, "both orders");
    const byOrder = Object.fromEntries(rows.map((r) => [r.order_id, r]));
    // Today's rate is yesterday's 5.0 (tomorrow's 6.5 does not apply yet): US$ 10,00 → R$ 50,00.
    expect(byOrder[usd]).toMatchObject({ fx_rate_micros: "5000000", default_currency_amount: "5000" });
    expect(byOrder[brl]).toMatchObject({ fx_rate_micros: "1000000", default_currency_amount: "1000" });
  });

  it("recomputes pending commissions after the campaign's rules change, leaving decided ones alone", async () => {
    const p = await seedTestProgram(stack);
    const clickId = await click(p.code, `indica_vid=${newId("visitor")}`);
    const [pendingOrder, decidedOrder] = [orderId(), orderId()];
    for (const order of [pendingOrder, decidedOrder]) await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 10_000, currency: "BRL", clickId, occurredAt: later() });
    await waitFor(async () => (await stack.db.query("SELECT 1 FROM commissions WHERE tenant_id = $1", [p.tenantId])).rowCount === 2, 20_000, "two commissions");
    await stack.db.query("UPDATE commissions SET status = 'approved' WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, decidedOrder]);
    await stack.db.query(`UPDATE campaigns SET commission_rules = '{"version":2,"base":{"type":"percentage","bp":2000}}' WHERE id = $1`, [p.campaignId]);

    const res = await stack.fetch("indica-ingest", "https://ingest.test/admin/reattribute", {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ tenantId: p.tenantId, campaignId: p.campaignId }),
    });
    expect(await res.json()).toEqual({ reattributed: 1, skipped: 0, cursor: null, more: false });
    const rows = await stack.db.query("SELECT order_id, amount, rules_version, status FROM commissions WHERE tenant_id = $1", [p.tenantId]);
    const byOrder = Object.fromEntries(rows.rows.map((r) => [r.order_id, r]));
    expect(byOrder[pendingOrder]).toMatchObject({ amount: "2000", rules_version: 2, status: "pending" });
    expect(byOrder[decidedOrder]).toMatchObject({ amount: "1000", rules_version: 1, status: "approved" });
  });

  it("pays subscription renewals to the affiliate of the first payment, for the campaign's recurring months", async () => {
    const p = await seedTestProgram(stack);
    await stack.db.query(`UPDATE campaigns SET commission_rules = '{"version":1,"base":{"type":"percentage","bp":1000},"recurringMonths":2}' WHERE id = $1`, [p.campaignId]);
    const clickId = await click(p.code, `indica_vid=${newId("visitor")}`);
    const sub = `sub-${newId("event").slice(-8)}`;
    const payment = (renewal: number, extra: object = {}) =>
      serverPost(stack, "/v1/conversions", p.apiKey, { orderId: `${sub}-${renewal}`, amount: 5_000, currency: "BRL", subscription: { id: sub, renewal }, occurredAt: later(), ...extra });
    await payment(0, { clickId });
    await waitFor(async () => (await commissionsOf(p.tenantId, `${sub}-0`)).length === 1, 20_000, "the first payment's commission");
    for (const renewal of [1, 2, 3]) await payment(renewal);
    const amounts = await waitFor(async () => {
      const r = await stack.db.query("SELECT order_id, amount FROM commissions WHERE tenant_id = $1 ORDER BY order_id", [p.tenantId]);
      return r.rows.length === 4 && r.rows.map((x) => [x.order_id, Number(x.amount)]);
    }, 20_000, "the renewals' commissions");
    expect(amounts).toEqual([[`${sub}-0`, 500], [`${sub}-1`, 500], [`${sub}-2`, 500], [`${sub}-3`, 0]]);
  });

  it("pays an affiliate group its own rate", async () => {
    const p = await seedTestProgram(stack);
    await stack.db.query(`UPDATE campaigns SET commission_rules = '{"version":1,"base":{"type":"percentage","bp":1000},"groups":{"vip":{"type":"percentage","bp":2000}}}' WHERE id = $1`, [p.campaignId]);
    await stack.db.query("UPDATE affiliates SET affiliate_group = 'vip' WHERE id = $1", [p.affiliateId]);
    const clickId = await click(p.code, `indica_vid=${newId("visitor")}`);
    const order = orderId();
    await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 10_000, currency: "BRL", clickId, occurredAt: later() });
    const [c] = await waitFor(async () => {
      const r = await commissionsOf(p.tenantId, order);
      return r.length > 0 && r;
    }, 20_000, "the commission");
    expect(c.amount).toBe("2000");
    expect(c.explanation[1]).toBe("20% of 10000 (group vip) = 2000");
  });
});
