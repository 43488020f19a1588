/**
 * Money amounts have one maximum, MAX_MINOR_UNITS (10^12 minor units, R$ 10 billion). Before, an order of
 * 2^53-1 centavos was accepted and report totals past 2^53 came back a centavo off, and 9 × 10^20 got two
 * contradictory errors ("must be an integer" and "is too large"). Now every place an amount enters answers
 * one field error, "must be at most 1000000000000 (minor units)", and a platform webhook carrying such an
 * amount is parked in failed_events with the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_MINOR_UNITS } from "../core/money";
import { callApi, expectFieldErrors } from "./helpers/api";
import { conversionEvent, eventBatch, expectIngestFieldErrors, refund, s2sConversion } from "./helpers/ingest-fixtures";
import { connect, deliver } from "./helpers/integrations";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";
import { postEvents, serverPost } from "./helpers/tracking";
import { shopifyOrderPaid } from "./fixtures/integrations/shopify";
import { checkoutCompleted } from "./fixtures/integrations/stripe";
import type { SeededProgram } from "../scripts/lib/seed-program";

const OVER_MAX = "must be at most 1000000000000 (minor units)";

let stack: TestStack;
let p: SeededProgram;
beforeAll(async () => {
  stack = await startTestStack();
  p = await seedTestProgram(stack);
}, 120_000);
afterAll(() => stack?.close());

/** The one error at `pointer`: its message, and that no other error points there. */
function onlyErrorAt(errors: { pointer: string; detail: string }[] | undefined, pointer: string): string {
  const at = (errors ?? []).filter((e) => e.pointer === pointer);
  expect(at, JSON.stringify(errors)).toHaveLength(1);
  return at[0].detail;
}

describe("server-to-server amounts", () => {
  it.each([
    ["2^53-1", Number.MAX_SAFE_INTEGER],
    ["9 × 10^20", 900000000000000000000],
    ["one past the cap", MAX_MINOR_UNITS + 1],
  ])("an order of %s is one error: at most the cap", async (_, amount) => {
    const body = await expectIngestFieldErrors(await serverPost(stack, "/v1/conversions", p.apiKey, s2sConversion({ amount })), ["/body/amount"]);
    expect(onlyErrorAt(body.errors, "/body/amount")).toBe(OVER_MAX);
  });

  it("the cap itself is accepted; a fraction keeps its own single message", async () => {
    expect((await serverPost(stack, "/v1/conversions", p.apiKey, s2sConversion({ amount: MAX_MINOR_UNITS }))).status).toBe(202);
    const body = await expectIngestFieldErrors(await serverPost(stack, "/v1/conversions", p.apiKey, s2sConversion({ amount: 10.5 })), ["/body/amount"]);
    expect(onlyErrorAt(body.errors, "/body/amount")).toMatch(/integer number of minor units/);
  });

  it("a line's unit amount, and unit amount × quantity, are capped too", async () => {
    const items = [
      { sku: "A", quantity: 1, unitAmount: 900000000000000000000 },
      { sku: "B", quantity: 3, unitAmount: 500_000_000_000 },
    ];
    const body = await expectIngestFieldErrors(await serverPost(stack, "/v1/conversions", p.apiKey, s2sConversion({ items })), ["/body/items/0/unitAmount", "/body/items/1/unitAmount"]);
    expect(onlyErrorAt(body.errors, "/body/items/0/unitAmount")).toBe(OVER_MAX);
    expect(onlyErrorAt(body.errors, "/body/items/1/unitAmount")).toMatch(/unitAmount × quantity must be at most 1000000000000/);
  });

  it("a batch points at the order over the cap", async () => {
    const res = await serverPost(stack, "/v1/conversions/batch", p.apiKey, { conversions: [s2sConversion(), s2sConversion({ amount: Number.MAX_SAFE_INTEGER })] });
    const body = await expectIngestFieldErrors(res, ["/body/conversions/1/amount"]);
    expect(onlyErrorAt(body.errors, "/body/conversions/1/amount")).toBe(OVER_MAX);
  });

  it("a refund over the cap is one error", async () => {
    const body = await expectIngestFieldErrors(await serverPost(stack, "/v1/refunds", p.apiKey, refund("pedido-1", { amount: 900000000000000000000 })), ["/body/amount"]);
    expect(onlyErrorAt(body.errors, "/body/amount")).toBe(OVER_MAX);
  });
});

describe("browser conversions", () => {
  it("a conversion event over the cap is refused at its amount", async () => {
    const res = await postEvents(stack, eventBatch(p.tenantId, [conversionEvent({}, { amount: Number.MAX_SAFE_INTEGER })], "granted"));
    const body = await expectIngestFieldErrors(res, ["/body/events/0/conversion/amount"]);
    expect(onlyErrorAt(body.errors, "/body/events/0/conversion/amount")).toBe(OVER_MAX);
  });
});

describe("payout batches", () => {
  it("a minimum amount over the cap is a field error", async () => {
    const res = await callApi(stack, "POST", "/v1/payout-batches", { key: p.apiKey, body: { currency: "BRL", provider: "csv", minimumAmount: 900000000000000000000 } });
    const body = await expectFieldErrors(res, ["/body/minimumAmount"]);
    expect(onlyErrorAt(body.errors, "/body/minimumAmount")).toBe(OVER_MAX);
  });
});

describe("platform webhooks", () => {
  const parked = async (q: SeededProgram) =>
    (await stack.db.query<{ reason: string }>("SELECT reason FROM failed_events WHERE tenant_id = $1", [q.tenantId])).rows.map((r) => r.reason);

  it("a Shopify order over the cap is parked with the reason, not imported", async () => {
    const q = await seedTestProgram(stack);
    const c = await connect(stack, q, "shopify");
    const res = await deliver(stack, c, "shopify", shopifyOrderPaid({ id: 9_001, total: "90071992547409.91" }), { topic: "orders/paid" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "parked", reason: expect.stringContaining(`amount: ${OVER_MAX}`) });
    expect(await parked(q)).toEqual([expect.stringContaining(OVER_MAX)]);
    expect((await stack.db.query("SELECT 1 FROM conversions WHERE tenant_id = $1", [q.tenantId])).rowCount).toBe(0);
  });

  it("a Stripe checkout over the cap is parked with the reason", async () => {
    const q = await seedTestProgram(stack);
    const c = await connect(stack, q, "stripe");
    const res = await deliver(stack, c, "stripe", checkoutCompleted({ paymentIntent: "pi_over_cap", amount: Number.MAX_SAFE_INTEGER }), { topic: "" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "parked", reason: expect.stringContaining(`amount: ${OVER_MAX}`) });
    expect(await parked(q)).toEqual([expect.stringContaining(OVER_MAX)]);
  });
});
