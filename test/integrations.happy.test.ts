/**
 * Platform webhooks, end to end: a click, the platform's order webhook (click id carried in note attributes,
 * meta data, landing URL or client_reference_id) → conversion → commission → approval → the platform's
 * refund or cancellation → reversal debited from the ledger. Fixtures follow the platforms' documented shapes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { callApi } from "./helpers/api";
import { fakeClick } from "./helpers/clicks";
import { startFakeServer, type FakeServer } from "./helpers/fake-server";
import { connect, deliver } from "./helpers/integrations";
import { bodyOf } from "./helpers/programs";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { nuvemshopNotification, nuvemshopOrder } from "./fixtures/integrations/nuvemshop";
import { shopifyOrderPaid, shopifyRefundCreate } from "./fixtures/integrations/shopify";
import { chargeRefunded, checkoutCompleted, invoicePaid, subscriptionCheckoutCompleted } from "./fixtures/integrations/stripe";
import { wooOrder } from "./fixtures/integrations/woocommerce";

let stack: TestStack;
let nuvemshopApi: FakeServer;
const orders = new Map<string, unknown>();

beforeAll(async () => {
  nuvemshopApi = await startFakeServer((req) => {
    const order = orders.get(req.path);
    return req.headers.authentication === "bearer nuvem-token" && order ? { status: 200, body: order } : { status: 404, body: { code: 404, message: "Not Found" } };
  });
  stack = await startTestStack({ bindings: { "indica-ingest": { NUVEMSHOP_API_BASE: `${nuvemshopApi.url}/v1` } } });
});
afterAll(async () => {
  await stack?.close();
  await nuvemshopApi?.close();
});

const commissionOf = (p: SeededProgram, order: string) =>
  waitFor(async () => (await stack.db.query("SELECT * FROM commissions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order])).rows[0], 20_000, `commission of ${order}`);
const balance = async (p: SeededProgram) => Number((await stack.db.query("SELECT coalesce(sum(amount), 0) AS b FROM ledger_entries WHERE tenant_id = $1", [p.tenantId])).rows[0].b);
const approve = async (p: SeededProgram, id: string) => bodyOf(await callApi(stack, "POST", "/v1/commissions/decisions", { key: p.apiKey, body: { action: "approve", ids: [id] } }), 200);

/** Approves the order's commission (10% of R$ 250,00) and returns it, with the ledger credited. */
async function approved(p: SeededProgram, order: string) {
  const c = await commissionOf(p, order);
  expect(Number(c.amount)).toBe(2_500);
  await approve(p, c.id);
  expect(await balance(p)).toBe(2_500);
  return c;
}

describe("store platforms → conversions → commissions → refunds → reversals", () => {
  it("Shopify: orders/paid with the click in note_attributes, then refunds/create", async () => {
    const p = await seedTestProgram(stack);
    const c = await connect(stack, p, "shopify");
    const click = await fakeClick(stack, p);
    const id = 450789469 + Math.floor(Math.random() * 1e6);
    expect((await deliver(stack, c, "shopify", shopifyOrderPaid({ id, clickId: click }), { topic: "orders/paid" })).status).toBe(202);
    const com = await approved(p, String(id));
    const conversion = (await stack.db.query("SELECT matched_click_id, identity_source, status FROM conversions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, String(id)])).rows[0];
    expect(conversion).toMatchObject({ matched_click_id: click, identity_source: "s2s_click_id", status: "paid" });
    expect((await deliver(stack, c, "shopify", shopifyRefundCreate({ id: 509562969, orderId: id, amount: "50.00" }), { topic: "refunds/create" })).status).toBe(202);
    await waitFor(async () => (await balance(p)) === 2_000, 20_000, "the reversal");
    expect((await stack.db.query("SELECT reversed_amount FROM commissions WHERE id = $1", [com.id])).rows[0].reversed_amount).toBe("500");
  });

  it("WooCommerce: order.updated processing with _indica_cid meta, then the same order with a refund", async () => {
    const p = await seedTestProgram(stack);
    const c = await connect(stack, p, "woocommerce");
    expect(c.secret).toMatch(/^whsec_/);
    const click = await fakeClick(stack, p);
    const id = 700 + Math.floor(Math.random() * 1e6);
    expect((await deliver(stack, c, "woocommerce", wooOrder({ id, status: "processing", clickId: click }), { topic: "order.updated" })).status).toBe(202);
    await approved(p, String(id));
    const refunded = wooOrder({ id, status: "processing", clickId: click, refunds: [{ id: 801, total: "-100.00" }] });
    expect((await deliver(stack, c, "woocommerce", refunded, { topic: "order.updated" })).status).toBe(202);
    await waitFor(async () => (await balance(p)) === 1_500, 20_000, "the reversal");
  });

  it("Nuvemshop: order/paid read from its API with the click in the landing URL, then order/cancelled", async () => {
    const p = await seedTestProgram(stack);
    const c = await connect(stack, p, "nuvemshop", { accessToken: "nuvem-token", externalAccount: "123456" });
    const click = await fakeClick(stack, p);
    const id = 8_000_000 + Math.floor(Math.random() * 1e6);
    orders.set(`/v1/123456/orders/${id}`, nuvemshopOrder({ id, clickId: click }));
    expect((await deliver(stack, c, "nuvemshop", nuvemshopNotification({ storeId: 123456, event: "order/paid", id }), { topic: "order/paid" })).status).toBe(202);
    await approved(p, String(id));
    orders.set(`/v1/123456/orders/${id}`, nuvemshopOrder({ id, clickId: click, status: "cancelled" }));
    expect((await deliver(stack, c, "nuvemshop", nuvemshopNotification({ storeId: 123456, event: "order/cancelled", id }), { topic: "order/cancelled" })).status).toBe(202);
    await waitFor(async () => (await balance(p)) === 0, 20_000, "the cancellation");
  });

  it("Stripe: checkout.session.completed with client_reference_id, then charge.refunded", async () => {
    const p = await seedTestProgram(stack);
    const c = await connect(stack, p, "stripe");
    const click = await fakeClick(stack, p);
    const pi = `pi_${Date.now()}${Math.floor(Math.random() * 1e6)}`;
    expect((await deliver(stack, c, "stripe", checkoutCompleted({ paymentIntent: pi, clickId: click }), { topic: "" })).status).toBe(202);
    await approved(p, pi);
    expect((await deliver(stack, c, "stripe", chargeRefunded({ charge: `ch_${pi}`, paymentIntent: pi, refundId: `re_${pi}`, amount: 25_000, total: 25_000 }), { topic: "" })).status).toBe(202);
    await waitFor(async () => (await balance(p)) === 0, 20_000, "the reversal");
  });

  it("Stripe subscriptions: the first invoice is the checkout's order; a renewal earns for the same affiliate", async () => {
    const p = await seedTestProgram(stack);
    const c = await connect(stack, p, "stripe");
    const click = await fakeClick(stack, p);
    const sub = `sub_${Date.now()}`;
    const now = Math.floor(Date.now() / 1000);
    await deliver(stack, c, "stripe", subscriptionCheckoutCompleted({ invoice: `in_first_${sub}`, subscription: sub, clickId: click, amount: 25_000 }), { topic: "" });
    expect((await deliver(stack, c, "stripe", invoicePaid({ invoice: `in_first_${sub}`, subscription: sub, amount: 25_000, reason: "subscription_create", paidAt: now + 3_600 }), { topic: "" })).status).toBe(202);
    await commissionOf(p, `in_first_${sub}`);
    await waitFor(async () => (await stack.db.query("SELECT 1 FROM conversions WHERE tenant_id = $1 AND subscription_id = $2", [p.tenantId, sub])).rowCount === 1, 20_000, "the first payment");
    // The next cycle's invoice; Stripe would send it a month on, but no event may be dated a day ahead of now.
    await deliver(stack, c, "stripe", invoicePaid({ invoice: `in_second_${sub}`, subscription: sub, amount: 25_000, reason: "subscription_cycle", paidAt: now + 3_600 + 20 * 3_600 }), { topic: "" });
    const renewal = await commissionOf(p, `in_second_${sub}`);
    expect(renewal.affiliate_id).toBe(p.affiliateId);
    expect((await stack.db.query("SELECT renewal FROM conversions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, `in_second_${sub}`])).rows[0].renewal).toBe(1);
    expect((await stack.db.query("SELECT count(*)::int AS n FROM conversions WHERE tenant_id = $1 AND subscription_id = $2", [p.tenantId, sub])).rows[0].n).toBe(2);
  });

  it("lists and deletes connections, never showing a secret", async () => {
    const p = await seedTestProgram(stack);
    const c = await connect(stack, p, "shopify");
    const list = await bodyOf(await callApi(stack, "GET", "/v1/integrations", { key: p.apiKey }), 200);
    expect(list.items).toEqual([expect.objectContaining({ id: c.id, platform: "shopify", webhookPath: `/v1/integrations/shopify/${c.id}` })]);
    expect(JSON.stringify(list)).not.toContain(c.secret);
    expect((await callApi(stack, "DELETE", `/v1/integrations/${c.id}`, { key: p.apiKey })).status).toBe(204);
    expect((await callApi(stack, "DELETE", `/v1/integrations/${c.id}`, { key: p.apiKey })).status).toBe(404);
  });
});
