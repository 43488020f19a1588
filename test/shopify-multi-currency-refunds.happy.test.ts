/**
 * A Shopify shop selling in several currencies: the shop's currency is BRL, the customer pays in USD. The
 * order is kept in shop money (R$ 250,00); Shopify pays refunds back in the customer's currency, so a
 * refund is taken into shop money at the rate of its own money sets and applied to the order, not parked.
 * Only a refund with no amount in the order's currency is parked, with its reason, for replay.
 * Payloads follow Shopify's Admin API (REST) Order and Refund resources.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mapShopify } from "../core/integrations/shopify";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { callApi } from "./helpers/api";
import { fakeClick } from "./helpers/clicks";
import { connect, deliver, type Connection } from "./helpers/integrations";
import { bodyOf } from "./helpers/programs";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

/** An hour after the click: quicker orders are flagged by the fraud checks (docs/fraud.md). */
const later = () => new Date(Date.now() + 3_600_000).toISOString();
const bag = (brl: string, usd: string) => ({ shop_money: { amount: brl, currency_code: "BRL" }, presentment_money: { amount: usd, currency_code: "USD" } });

/** The shop's two products, in shop money (BRL) and as the customer saw them (USD, about 5.40 BRL a dollar). */
const SNEAKERS = { id: 13592467628099, sku: "TENIS-42", title: "Tênis", brl: "200.00", usd: "37.04" };
const SOCKS = { id: 13592467660867, sku: "MEIA-3P", title: "Meias (3 pares)", brl: "50.00", usd: "9.26" };

/** orders/paid of a customer paying in USD in a BRL shop: `currency` and `total_price` are the shop's. */
const orderPaid = (id: number, clickId: string) => ({
  id,
  admin_graphql_api_id: `gid://shopify/Order/${id}`,
  name: `#${id % 10_000}`,
  email: "jane@example.com",
  created_at: later(),
  processed_at: later(),
  currency: "BRL",
  presentment_currency: "USD",
  financial_status: "paid",
  total_price: "250.00",
  subtotal_price: "250.00",
  total_tax: "0.00",
  total_discounts: "0.00",
  total_price_set: bag("250.00", "46.30"),
  subtotal_price_set: bag("250.00", "46.30"),
  total_tax_set: bag("0.00", "0.00"),
  note_attributes: [{ name: "indica_cid", value: clickId }],
  discount_codes: [],
  customer: { id: 207119551, email: "jane@example.com", first_name: "Jane", currency: "USD" },
  line_items: [SNEAKERS, SOCKS].map((p, i) => ({
    id: p.id,
    product_id: 632910392 + i,
    variant_id: 808950810 + i,
    sku: p.sku,
    title: p.title,
    quantity: 1,
    price: p.brl,
    price_set: bag(p.brl, p.usd),
    total_discount: "0.00",
    total_discount_set: bag("0.00", "0.00"),
  })),
});

/** refunds/create: the transaction is in the customer's currency (USD); the line items carry both moneys. */
const refundCreated = (o: { id: number; orderId: number; usd: string; items?: (typeof SNEAKERS)[]; adjustments?: unknown[]; sets?: boolean }) => ({
  id: o.id,
  order_id: o.orderId,
  created_at: later(),
  processed_at: later(),
  note: "Customer returned it",
  restock: true,
  admin_graphql_api_id: `gid://shopify/Refund/${o.id}`,
  ...(o.sets === false
    ? {}
    : {
        total_duties_set: bag("0.00", "0.00"),
        refund_line_items: (o.items ?? []).map((p, i) => ({
          id: o.id * 10 + i,
          line_item_id: p.id,
          quantity: 1,
          restock_type: "return",
          subtotal: Number(p.usd),
          total_tax: 0,
          subtotal_set: bag(p.brl, p.usd),
          total_tax_set: bag("0.00", "0.00"),
        })),
        order_adjustments: o.adjustments ?? [],
      }),
  transactions: [{ id: o.id + 1, order_id: o.orderId, kind: "refund", gateway: "shopify_payments", status: "success", amount: o.usd, currency: "USD", parent_id: o.orderId + 7 }],
});

const balance = async (p: SeededProgram) => Number((await stack.db.query("SELECT coalesce(sum(amount), 0) AS b FROM ledger_entries WHERE tenant_id = $1", [p.tenantId])).rows[0].b);
const refundsOf = async (p: SeededProgram, order: number) =>
  (await stack.db.query("SELECT refund_key, amount::int AS amount, currency FROM refunds WHERE tenant_id = $1 AND order_id = $2 ORDER BY received_at", [p.tenantId, String(order)])).rows;
const reversedOf = async (id: string) => Number((await stack.db.query("SELECT reversed_amount FROM commissions WHERE id = $1", [id])).rows[0].reversed_amount);

/** A BRL shop's order paid in USD, attributed and approved: 10% of R$ 250,00 credited. */
async function approvedOrder(): Promise<{ p: SeededProgram; c: Connection; order: number; commissionId: string }> {
  const p = await seedTestProgram(stack);
  const c = await connect(stack, p, "shopify");
  const order = 5_600_000_000 + Math.floor(Math.random() * 1e8);
  expect((await deliver(stack, c, "shopify", orderPaid(order, await fakeClick(stack, p)), { topic: "orders/paid" })).status).toBe(202);
  const commission = await waitFor(async () => (await stack.db.query("SELECT id, amount FROM commissions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, String(order)])).rows[0], 20_000, "the commission");
  expect(Number(commission.amount)).toBe(2_500);
  const conversion = (await stack.db.query("SELECT amount::int AS amount, currency FROM conversions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, String(order)])).rows[0];
  expect(conversion).toEqual({ amount: 25_000, currency: "BRL" });
  await bodyOf(await callApi(stack, "POST", "/v1/commissions/decisions", { key: p.apiKey, body: { action: "approve", ids: [commission.id] } }), 200);
  expect(await balance(p)).toBe(2_500);
  return { p, c, order, commissionId: commission.id };
}

describe("Shopify refunds of an order paid in another currency than the shop's", () => {
  it("a partial refund (the socks) is applied in BRL, then the rest of the order", async () => {
    const { p, c, order, commissionId } = await approvedOrder();
    expect((await deliver(stack, c, "shopify", refundCreated({ id: 1001, orderId: order, usd: "9.26", items: [SOCKS] }), { topic: "refunds/create" })).status).toBe(202);
    await waitFor(async () => (await balance(p)) === 2_000, 20_000, "the socks' reversal");
    expect(await refundsOf(p, order)).toEqual([{ refund_key: "shopify:1001", amount: 5_000, currency: "BRL" }]);
    expect(await reversedOf(commissionId)).toBe(500);

    expect((await deliver(stack, c, "shopify", refundCreated({ id: 1002, orderId: order, usd: "37.04", items: [SNEAKERS] }), { topic: "refunds/create" })).status).toBe(202);
    await waitFor(async () => (await balance(p)) === 0, 20_000, "the sneakers' reversal");
    expect((await refundsOf(p, order)).map((r) => [r.amount, r.currency])).toEqual([[5_000, "BRL"], [20_000, "BRL"]]);
    expect(await reversedOf(commissionId)).toBe(2_500);
  });

  it("a full refund is the order's exact shop amount and takes the whole commission back", async () => {
    const { p, c, order, commissionId } = await approvedOrder();
    expect((await deliver(stack, c, "shopify", refundCreated({ id: 2001, orderId: order, usd: "46.30", items: [SNEAKERS, SOCKS] }), { topic: "refunds/create" })).status).toBe(202);
    await waitFor(async () => (await balance(p)) === 0, 20_000, "the reversal");
    expect(await refundsOf(p, order)).toEqual([{ refund_key: "shopify:2001", amount: 25_000, currency: "BRL" }]);
    expect(await reversedOf(commissionId)).toBe(2_500);
    expect((await stack.db.query("SELECT count(*)::int AS n FROM failed_events WHERE tenant_id = $1", [p.tenantId])).rows[0].n).toBe(0);
  });

  it("a goodwill refund without line items converts at the rate of its order adjustment", async () => {
    const { p, c, order, commissionId } = await approvedOrder();
    const goodwill = { id: 3_500, order_id: order, refund_id: 3001, kind: "refund_discrepancy", reason: "Refund discrepancy", amount: "-54.00", tax_amount: "0.00", amount_set: bag("-54.00", "-10.00"), tax_amount_set: bag("0.00", "0.00") };
    expect((await deliver(stack, c, "shopify", refundCreated({ id: 3001, orderId: order, usd: "10.00", adjustments: [goodwill] }), { topic: "refunds/create" })).status).toBe(202);
    await waitFor(async () => (await balance(p)) === 2_500 - 540, 20_000, "the reversal");
    expect(await refundsOf(p, order)).toEqual([{ refund_key: "shopify:3001", amount: 5_400, currency: "BRL" }]);
    expect(await reversedOf(commissionId)).toBe(540);
  });

  it("a refund with no amount in the order's currency is parked with its reason, for replay, and takes nothing back", async () => {
    const { p, c, order, commissionId } = await approvedOrder();
    expect((await deliver(stack, c, "shopify", refundCreated({ id: 4001, orderId: order, usd: "9.26", sets: false }), { topic: "refunds/create" })).status).toBe(202);
    const parked = await waitFor(async () => (await stack.db.query("SELECT source, reason, payload FROM failed_events WHERE tenant_id = $1", [p.tenantId])).rows[0], 20_000, "the parked refund");
    expect(parked.source).toBe("queue:indica-events");
    expect(parked.reason).toContain(`refund in USD for order ${order}, which is in BRL`);
    expect(parked.payload).toMatchObject({ type: "refund", refundKey: "shopify:4001", input: { amount: 926, currency: "USD" } });
    expect(await refundsOf(p, order)).toEqual([]);
    expect(await reversedOf(commissionId)).toBe(0);
    expect(await balance(p)).toBe(2_500);
  });
});

describe("the Shopify refund mapping", () => {
  const refundOf = (body: unknown) => {
    const m = mapShopify("refunds/create", body);
    return m.kind === "mapped" ? m.refunds[0] : m;
  };

  it("keeps a single-currency shop's refund as paid back", () => {
    const single = { ...refundCreated({ id: 5001, orderId: 1, usd: "9.26", items: [SOCKS] }), transactions: [{ kind: "refund", status: "success", amount: "50.00", currency: "BRL" }] };
    expect(refundOf(single)).toMatchObject({ amount: 5_000, currency: "BRL" });
  });

  it("rounds a conversion to the nearest minor unit of the shop currency, in integers", () => {
    // 1.00 USD at the 9.26 USD / 50.00 BRL of the line: 5.39957 BRL → R$ 5,40.
    expect(refundOf(refundCreated({ id: 5002, orderId: 1, usd: "1.00", items: [SOCKS] }))).toMatchObject({ amount: 540, currency: "BRL" });
  });

  it("refuses transactions in two currencies rather than add them up", () => {
    const mixed = { ...refundCreated({ id: 5003, orderId: 1, usd: "9.26", items: [SOCKS] }), transactions: [{ kind: "refund", status: "success", amount: "9.26", currency: "USD" }, { kind: "refund", status: "success", amount: "1.00", currency: "EUR" }] };
    expect(refundOf(mixed)).toMatchObject({ kind: "unmappable" });
  });
});
