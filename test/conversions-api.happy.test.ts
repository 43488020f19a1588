/** GET /v1/conversions(/{id}) and POST /v1/conversions/{id}/status against orders sent through the ingest Worker. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, jsonOf } from "./helpers/api";
import { addAffiliate, clickOn, commissionsOfOrder, placeOrder } from "./helpers/program-activity";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { serverPost } from "./helpers/tracking";
import { tokenFor } from "./helpers/auth";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

const get = async (key: string, path: string) => {
  const res = await callApi(stack, "GET", path, { key });
  const body = await jsonOf(res);
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
};
const ids = (page: { items: { orderId: string }[] }) => page.items.map((i) => i.orderId);
const setStatus = (key: string, id: string, status: string) => callApi(stack, "POST", `/v1/conversions/${id}/status`, { key, body: { status } });

describe("GET /v1/conversions", () => {
  it("lists orders with their campaign and matched affiliate, filtered and paged", async () => {
    const p = await seedTestProgram(stack);
    const bruno = await addAffiliate(stack, p);
    const maria = await placeOrder(stack, p, { amount: 10_000, clickId: (await clickOn(stack, p.code)).clickId, customer: { email: "ana@example.com", customerId: "c-1" } });
    const brunos = await placeOrder(stack, p, { amount: 20_000, clickId: (await clickOn(stack, bruno.code)).clickId, occurredAt: "2026-01-15T12:00:00Z" });
    const unmatched = await placeOrder(stack, p, { amount: 5_000, currency: "USD" });

    const all = await get(p.apiKey, "/v1/conversions");
    expect(ids(all)).toEqual([maria.orderId, brunos.orderId, unmatched.orderId]);
    expect(all.items[0]).toMatchObject({ id: maria.id, amount: 10_000, currency: "BRL", status: "placed", source: "s2s", campaignId: p.campaignId, affiliateId: p.affiliateId, clickId: expect.stringMatching(/^clk_/) });
    expect(all.items[0].customer).toEqual({ emailHash: expect.stringMatching(/^[0-9a-f]{64}$/), customerIdHash: expect.stringMatching(/^[0-9a-f]{64}$/), visitorId: null });
    expect(all.items[0].fraud).toMatchObject({ flagged: false });
    expect(all.items[2]).toMatchObject({ campaignId: null, affiliateId: null, currency: "USD" });

    expect(ids(await get(p.apiKey, `/v1/conversions?affiliateId=${bruno.affiliateId}`))).toEqual([brunos.orderId]);
    expect(ids(await get(p.apiKey, `/v1/conversions?campaignId=${p.campaignId}`))).toEqual([maria.orderId, brunos.orderId]);
    expect(ids(await get(p.apiKey, `/v1/conversions?orderId=${unmatched.orderId}`))).toEqual([unmatched.orderId]);
    expect(ids(await get(p.apiKey, "/v1/conversions?from=2026-01-15&to=2026-01-15"))).toEqual([brunos.orderId]);
    expect(ids(await get(p.apiKey, "/v1/conversions?from=2026-01-15T12:00:01Z&to=2026-01-16"))).toEqual([]);
    const first = await get(p.apiKey, "/v1/conversions?limit=2");
    expect(ids(first)).toEqual([maria.orderId, brunos.orderId]);
    expect(ids(await get(p.apiKey, `/v1/conversions?limit=2&cursor=${first.nextCursor}`))).toEqual([unmatched.orderId]);
    expect(await get(p.apiKey, `/v1/conversions/${brunos.id}`)).toMatchObject({ orderId: brunos.orderId, affiliateId: bruno.affiliateId, occurredAt: "2026-01-15T12:00:00.000Z" });
  });
});

describe("an order's line items", () => {
  it("are shown to the merchant as sent, and to no affiliate user", async () => {
    const p = await seedTestProgram(stack);
    const items = [{ sku: "EBIKE-X1", name: "E-Bike X1", category: "bikes", quantity: 1, unitAmount: 249_900 }, { sku: "HELM-01", quantity: 1, unitAmount: 5_990 }];
    const order = await placeOrder(stack, p, { amount: 255_890, clickId: (await clickOn(stack, p.code)).clickId });
    expect((await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order.orderId, amount: 255_890, currency: "BRL", status: "paid", items })).status).toBe(202);
    await waitFor(async () => (await get(p.apiKey, `/v1/conversions/${order.id}`)).items.length === 2, 20_000, "the items");
    expect((await get(p.apiKey, `/v1/conversions/${order.id}`)).items).toEqual(items);
    const affiliate = await tokenFor(stack, p.tenantId, "affiliate", { affiliateId: p.affiliateId });
    expect((await get(affiliate, `/v1/conversions/${order.id}`)).items).toBeUndefined();
  });
});

describe("POST /v1/conversions/{id}/status", () => {
  it("moves an order forward only, and lists it by status", async () => {
    const p = await seedTestProgram(stack);
    const order = await placeOrder(stack, p, { amount: 10_000 });
    for (const status of ["paid", "paid", "fulfilled"]) {
      const res = await setStatus(p.apiKey, order.id, status);
      expect(res.status).toBe(200);
      expect(await jsonOf(res)).toMatchObject({ id: order.id, status });
    }
    const back = await jsonOf(await setStatus(p.apiKey, order.id, "paid"));
    expect(back).toMatchObject({ status: 409, code: "conflict", errors: [{ pointer: "/body/status" }] });
    expect(ids(await get(p.apiKey, "/v1/conversions?status=fulfilled"))).toEqual([order.orderId]);
  });

  it("cancelling takes back the commissions and debits what was approved, once, as the ingest Worker would", async () => {
    const p = await seedTestProgram(stack);
    const pendingOne = await placeOrder(stack, p, { amount: 10_000, clickId: (await clickOn(stack, p.code)).clickId });
    const approvedOne = await placeOrder(stack, p, { amount: 30_000, clickId: (await clickOn(stack, p.code)).clickId });
    const [approved] = await commissionsOfOrder(stack, p.tenantId, approvedOne.orderId);
    await callApi(stack, "POST", "/v1/commissions/decisions", { key: p.apiKey, body: { action: "approve", ids: [approved.id] } });

    for (const order of [pendingOne, approvedOne]) expect(await jsonOf(await setStatus(p.apiKey, order.id, "cancelled"))).toMatchObject({ status: "cancelled" });
    expect(await commissionsOfOrder(stack, p.tenantId, pendingOne.orderId)).toMatchObject([{ status: "reversed", amount: "1000", reversed_amount: "1000" }]);
    expect(await commissionsOfOrder(stack, p.tenantId, approvedOne.orderId)).toMatchObject([{ status: "reversed", amount: "3000", reversed_amount: "3000" }]);
    const ledger = async () => (await stack.db.query("SELECT kind, amount::int FROM ledger_entries WHERE tenant_id = $1 ORDER BY created_at", [p.tenantId])).rows;
    expect(await ledger()).toEqual([{ kind: "commission", amount: 3_000 }, { kind: "reversal", amount: -3_000 }]);

    // The merchant's server reports the same cancellation later (with a new order, to know it was processed): nothing more is taken back.
    const marker = `marker-${approvedOne.orderId}`;
    const cancelled = { orderId: approvedOne.orderId, amount: 30_000, currency: "BRL", status: "cancelled" };
    expect((await serverPost(stack, "/v1/conversions/batch", p.apiKey, { conversions: [cancelled, { orderId: marker, amount: 1, currency: "BRL" }] })).status).toBe(202);
    await waitFor(async () => (await stack.db.query("SELECT 1 FROM conversions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, marker])).rowCount === 1, 20_000, "the report");
    expect(await ledger()).toHaveLength(2);
    expect((await stack.db.query("SELECT count(*)::int AS n FROM commission_reversals WHERE tenant_id = $1", [p.tenantId])).rows[0].n).toBe(2);
  });
});
