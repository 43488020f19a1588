/**
 * Platform webhooks that must not be processed: tampered, signed with another secret, stale (replayed after
 * Stripe's tolerance), replayed with a delivery id already received, or for a connection that does not exist.
 * Each is refused AND recorded in failed_events; a verified payload that cannot be mapped is parked with the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { fakeClick } from "./helpers/clicks";
import { connect, deliver, platformHeaders, sendWebhook, stripeSignature, type Connection } from "./helpers/integrations";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { shopifyOrderPaid } from "./fixtures/integrations/shopify";
import { checkoutCompleted } from "./fixtures/integrations/stripe";
import { wooOrder } from "./fixtures/integrations/woocommerce";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

const parked = async (p: SeededProgram) =>
  (await stack.db.query("SELECT source, event_type, reason, payload FROM failed_events WHERE tenant_id = $1 ORDER BY created_at", [p.tenantId])).rows;
const conversions = async (p: SeededProgram) => (await stack.db.query("SELECT order_id FROM conversions WHERE tenant_id = $1", [p.tenantId])).rows;
/** A valid order sent after the refused ones proves the queue drained: anything refused would be stored by now. */
async function drained(p: SeededProgram, c: Connection, n: number) {
  const id = 9_000_000 + Math.floor(Math.random() * 1e6);
  await deliver(stack, c, "shopify", shopifyOrderPaid({ id }), { topic: "orders/paid" });
  await waitFor(async () => (await conversions(p)).length === n, 20_000, "the control order");
}

describe("refused platform webhooks", () => {
  it("refuses a tampered Shopify body and a wrong-secret signature (401), records both, processes neither", async () => {
    const p = await seedTestProgram(stack);
    const c = await connect(stack, p, "shopify");
    const click = await fakeClick(stack, p);
    const body = JSON.stringify(shopifyOrderPaid({ id: 1001, clickId: click }));
    const headers = platformHeaders("shopify", c.secret, body, { topic: "orders/paid" });
    const tampered = body.replace('"250.00"', '"25000.00"');
    expect((await sendWebhook(stack, c, tampered, headers)).status).toBe(401);
    expect((await sendWebhook(stack, c, body, platformHeaders("shopify", "not-the-secret", body, { topic: "orders/paid" }))).status).toBe(401);
    expect((await sendWebhook(stack, c, body, { "x-shopify-topic": "orders/paid" })).status).toBe(401);
    await drained(p, c, 1);
    const rows = await parked(p);
    expect(rows.map((r) => r.event_type)).toEqual(["integration_rejected", "integration_rejected", "integration_rejected"]);
    expect(rows[0].reason).toMatch(/signature does not match/);
    expect(rows[2].reason).toMatch(/missing/);
    expect(rows[0].payload.body.total_price).toBe("25000.00");
  });

  it("refuses a Stripe event signed more than 5 minutes ago (a replay), and records it", async () => {
    const p = await seedTestProgram(stack);
    const c = await connect(stack, p, "stripe");
    const body = JSON.stringify(checkoutCompleted({ paymentIntent: "pi_replayed" }));
    const res = await sendWebhook(stack, c, body, { "stripe-signature": stripeSignature(c.secret, body, Math.floor(Date.now() / 1000) - 600) });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/tolerance/);
    const rows = await parked(p);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: "integration:stripe", event_type: "integration_rejected" });
  });

  it("does not process a delivery id twice: the replay is answered as a duplicate and recorded", async () => {
    const p = await seedTestProgram(stack);
    const c = await connect(stack, p, "shopify");
    const body = JSON.stringify(shopifyOrderPaid({ id: 2002 }));
    const headers = platformHeaders("shopify", c.secret, body, { topic: "orders/paid", deliveryId: "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043" });
    expect((await sendWebhook(stack, c, body, headers)).status).toBe(202);
    const again = await sendWebhook(stack, c, body, headers);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: "duplicate" });
    await drained(p, c, 2);
    expect((await parked(p)).map((r) => r.event_type)).toEqual(["integration_replayed"]);
    expect((await stack.db.query("SELECT replays FROM integration_deliveries WHERE connection_id = $1 AND delivery_id = $2", [c.id, "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"])).rows[0].replays).toBe(1);
  });

  it("parks a verified payload that cannot be mapped, with the reason, and ignores topics it does not import", async () => {
    const p = await seedTestProgram(stack);
    const c = await connect(stack, p, "woocommerce");
    const bad = { ...wooOrder({ id: 3003, status: "processing" }), currency: "XYZ" };
    const res = await deliver(stack, c, "woocommerce", bad, { topic: "order.updated" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "parked", reason: expect.stringMatching(/currency XYZ/) });
    expect((await deliver(stack, c, "woocommerce", { id: 1 }, { topic: "product.updated" })).status).toBe(200);
    const ping = await stack.fetch("indica-ingest", `https://ingest.indica.test${c.webhookPath}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "webhook_id=15" });
    expect(ping.status).toBe(200);
    const rows = await parked(p);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: "integration:woocommerce", event_type: "integration_webhook", reason: expect.stringMatching(/could not map woocommerce order.updated: currency XYZ/) });
  });

  it("answers 404 for unknown connections, another platform's path, and malformed ids", async () => {
    const p = await seedTestProgram(stack);
    const c = await connect(stack, p, "shopify");
    const body = JSON.stringify(shopifyOrderPaid({ id: 4004 }));
    const headers = platformHeaders("shopify", c.secret, body, { topic: "orders/paid" });
    for (const path of [`/v1/integrations/stripe/${c.id}`, "/v1/integrations/shopify/int_01JB8Z5Q3X0000000000000000", "/v1/integrations/shopify/nope", "/v1/integrations/magento/x"]) {
      const res = await stack.fetch("indica-ingest", `https://ingest.indica.test${path}`, { method: "POST", headers, body });
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/problem\+json/);
    }
  });
});
