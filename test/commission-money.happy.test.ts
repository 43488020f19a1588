/** Commission money through the real pipeline: currencies of fixed amounts, monthly revenue, lines, bonuses. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import { storedClick } from "./helpers/clicks";
import { orderId, serverPost } from "./helpers/tracking";
import { seedTestProgram, startTestStack, TEST_LINK_DOMAIN, waitFor, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

const click = (code: string, cookie: string): Promise<string> => storedClick(stack, code, cookie);

const commissionsOf = (tenantId: string, order: string) =>
  stack.db.query("SELECT * FROM commissions WHERE tenant_id = $1 AND order_id = $2 ORDER BY affiliate_id", [tenantId, order]).then((r) => r.rows);
const commissionOf = (tenantId: string, order: string) =>
  waitFor(async () => {
    const r = await commissionsOf(tenantId, order);
    return r.length > 0 && r;
  }, 20_000, "the commission");

/** Orders an hour and more after the click (a fast one would be flagged as click injection), in order. */
const at = (minutes: number) => new Date(Date.now() + 3_600_000 + minutes * 60_000).toISOString();

/** A BRL merchant (and campaign) with a USD rate of 5.5 since yesterday. */
async function program(rules: object) {
  const p = await seedTestProgram(stack);
  await stack.db.query("UPDATE campaigns SET currency = 'BRL', commission_rules = $2 WHERE id = $1", [p.campaignId, JSON.stringify(rules)]);
  await stack.db.query("INSERT INTO fx_rates (tenant_id, currency, rate_micros, as_of) VALUES ($1, 'USD', 5500000, now() - interval '1 day')", [p.tenantId]);
  const clickId = await click(p.code, `indica_vid=${newId("visitor")}`);
  return { ...p, clickId };
}

describe("commission money", () => {
  it("converts a BRL campaign's flat amount into a USD order's currency at its snapshot", async () => {
    const p = await program({ version: 1, base: { type: "flat", amount: 500 } });
    const order = orderId();
    await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 10_000, currency: "USD", clickId: p.clickId, occurredAt: at(0), status: "paid" });
    const [c] = await commissionOf(p.tenantId, order);
    // R$ 5,00 at 5.5 BRL per USD is US$ 0.909…, half to even: 91 cents, not US$ 5,00.
    expect(c).toMatchObject({ currency: "USD", amount: "91" });
    expect(c.explanation).toContain("a fixed 500 BRL (91 USD) of 10000 (base rate) = 91");
  });

  it("pays no fixed amount, and says why, on an order with no rate for its currency", async () => {
    const p = await program({ version: 1, base: { type: "flat", amount: 500 } });
    const order = orderId();
    await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 10_000, currency: "EUR", clickId: p.clickId, occurredAt: at(0), status: "paid" });
    const [c] = await commissionOf(p.tenantId, order);
    expect(c).toMatchObject({ currency: "EUR", amount: "0" });
    expect(c.explanation.join(" ")).toContain("no exchange rate BRL→EUR");
  });

  it("sums the month's revenue for tiers in the campaign's currency, converting other currencies", async () => {
    const p = await program({ version: 1, base: { type: "percentage", bp: 1_000 }, tiers: [{ fromRevenue: 10_000, rate: { type: "percentage", bp: 2_000 } }] });
    const [first, second] = [orderId(), orderId()];
    // US$ 20,00 is R$ 110,00: past the R$ 100,00 tier (the raw 2000 was not).
    await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: first, amount: 2_000, currency: "USD", clickId: p.clickId, occurredAt: at(0), status: "paid" });
    await commissionOf(p.tenantId, first);
    await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: second, amount: 10_000, currency: "BRL", clickId: p.clickId, occurredAt: at(10), status: "paid" });
    const [c] = await commissionOf(p.tenantId, second);
    expect(c.amount).toBe("2000");
  });

  it("counts for tiers only paid or fulfilled orders, not held for review, net of refunds", async () => {
    const p = await program({ version: 1, base: { type: "percentage", bp: 1_000 }, tiers: [{ fromRevenue: 10_000, rate: { type: "percentage", bp: 2_000 } }] });
    const post = (order: string, minutes: number, extra: object) =>
      serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 20_000, currency: "BRL", clickId: p.clickId, occurredAt: at(minutes), ...extra });
    const [placed, refunded, flagged, cancelled, paid, last] = [orderId(), orderId(), orderId(), orderId(), orderId(), orderId()];
    await post(placed, 0, {}); // placed, never paid
    await post(refunded, 1, { status: "paid" });
    await post(flagged, 2, { status: "paid" });
    await post(cancelled, 3, { status: "paid" });
    await post(paid, 4, { status: "paid", amount: 4_000 });
    for (const order of [placed, refunded, flagged, cancelled, paid]) await commissionOf(p.tenantId, order);
    expect((await serverPost(stack, "/v1/refunds", p.apiKey, { orderId: refunded, amount: 15_000, currency: "BRL", refundId: "r-1" })).status).toBe(202);
    await post(cancelled, 3, { status: "cancelled" });
    await stack.db.query("UPDATE conversions SET flagged = true WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, flagged]);
    await waitFor(async () => (await stack.db.query("SELECT 1 FROM refunds WHERE tenant_id = $1", [p.tenantId])).rowCount === 1, 20_000, "the refund");
    await waitFor(async () => (await stack.db.query("SELECT 1 FROM conversions WHERE tenant_id = $1 AND order_id = $2 AND status = 'cancelled'", [p.tenantId, cancelled])).rowCount === 1, 20_000, "the cancellation");
    // Counted: 5,000 left of the refunded order + 4,000 paid = 9,000, under the 10,000 tier (all orders sent: 100,000).
    await post(last, 10, { status: "paid", amount: 10_000 });
    const [c] = await commissionOf(p.tenantId, last);
    expect(c.amount).toBe("1000");
  });

  it("gives a threshold bonus to the affiliate whose revenue passed it, outside the model's split", async () => {
    const p = await program({ version: 1, base: { type: "percentage", bp: 1_000 }, bonuses: [{ atRevenue: 10_000, amount: 5_000 }] });
    await stack.db.query(`UPDATE campaigns SET attribution_model = '{"kind":"linear"}' WHERE id = $1`, [p.campaignId]);
    const other = newId("affiliate");
    await stack.db.query("INSERT INTO affiliates (id, tenant_id, name, email) VALUES ($1, $2, 'Bruno', $3)", [other, p.tenantId, `bruno+${other}@example.com`]);
    const code2 = `c2-${other.slice(-8).toLowerCase()}`;
    await stack.db.query("INSERT INTO links (id, tenant_id, campaign_id, affiliate_id, domain, code, destination_url) VALUES ($1, $2, $3, $4, $5, $6, 'https://loja.example/')",
      [newId("link"), p.tenantId, p.campaignId, other, TEST_LINK_DOMAIN, code2]);
    // Bruno sold R$ 90,00 this month; a shopper then clicks Ana's link and Bruno's, and buys R$ 100,00 (Bruno's click matched).
    const earlier = orderId();
    await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: earlier, amount: 9_000, currency: "BRL", clickId: await click(code2, `indica_vid=${newId("visitor")}`), occurredAt: at(0), status: "paid" });
    await commissionOf(p.tenantId, earlier);
    const cookie = `indica_vid=${newId("visitor")}`;
    await click(p.code, cookie);
    const last = await click(code2, cookie);
    const order = orderId();
    await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 10_000, currency: "BRL", clickId: last, occurredAt: at(10), status: "paid" });
    const rows = await waitFor(async () => {
      const r = await commissionsOf(p.tenantId, order);
      return r.length === 2 && r;
    }, 20_000, "two commissions");
    const byAffiliate = Object.fromEntries(rows.map((r) => [r.affiliate_id, r]));
    // 10% of 10,000 split 500/500; the 5,000 bonus is Bruno's alone. Shares still sum to the commission.
    expect(byAffiliate[p.affiliateId].amount).toBe("500");
    expect(byAffiliate[other].amount).toBe("5500");
    expect(byAffiliate[p.affiliateId].explanation.join(" ")).not.toContain("bonus");
    expect(byAffiliate[other].explanation).toContain("bonus 5000 for passing 10000 of monthly revenue");
  });

  it("converts a renewal's flat amount as it does the first payment's", async () => {
    const p = await program({ version: 1, base: { type: "flat", amount: 500 }, recurringMonths: 2 });
    const sub = `sub-${newId("event").slice(-8)}`;
    const payment = (renewal: number, extra: object = {}) =>
      serverPost(stack, "/v1/conversions", p.apiKey, { orderId: `${sub}-${renewal}`, amount: 10_000, currency: "USD", subscription: { id: sub, renewal }, occurredAt: at(renewal), status: "paid", ...extra });
    await payment(0, { clickId: p.clickId });
    expect((await commissionOf(p.tenantId, `${sub}-0`))[0].amount).toBe("91");
    await payment(1);
    expect((await commissionOf(p.tenantId, `${sub}-1`))[0]).toMatchObject({ currency: "USD", amount: "91" });
  });
});
