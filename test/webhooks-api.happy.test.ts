/** Webhooks end to end: endpoints through the API, events from the real ingest Worker and API, signed deliveries to a local receiver, retries and the delivery log. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEBHOOK_MAX_ATTEMPTS } from "../core/webhook-retry";
import { verifyWebhookSignature } from "../core/webhook-signature";
import { callApi, jsonOf } from "./helpers/api";
import { seedTestProgram, waitFor, type TestStack } from "./helpers/stack";
import { serverPost } from "./helpers/tracking";
import { startWebhookReceiver, type WebhookReceiver } from "./helpers/webhook-receiver";
import { createWebhook, deleteCreatedWebhooks, deliveriesOf, orderWithCommission, runWebhookCron, startWebhookTestStack } from "./helpers/webhooks";

let stack: TestStack;
let receiver: WebhookReceiver;
beforeAll(async () => {
  stack = await startWebhookTestStack();
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  if (stack) await deleteCreatedWebhooks(stack);
  await stack?.close();
  await receiver?.close();
});

const ping = (key: string, id: string) => callApi(stack, "POST", `/v1/webhooks/${id}/test`, { key });
const log = async (key: string, id: string, query = "") => jsonOf(await callApi(stack, "GET", `/v1/webhooks/${id}/deliveries${query}`, { key }));

describe("webhook endpoints", () => {
  it("shows the signing secret once, stores it sealed, and never again", async () => {
    const p = await seedTestProgram(stack);
    const url = receiver.newUrl();
    const created = await createWebhook(stack, p.apiKey, { url, description: "ERP", eventTypes: ["commission.approved"] });
    expect(created).toMatchObject({ id: expect.stringMatching(/^whk_/), url, description: "ERP", eventTypes: ["commission.approved"], status: "active", secret: expect.stringMatching(/^whsec_[0-9a-f]{64}$/) });
    const stored = (await stack.db.query("SELECT sealed_secret FROM webhook_endpoints WHERE id = $1", [created.id])).rows[0];
    expect(stored.sealed_secret).not.toContain(created.secret.slice(6));

    const got = await jsonOf(await callApi(stack, "GET", `/v1/webhooks/${created.id}`, { key: p.apiKey }));
    expect(got).toEqual({ id: created.id, url, description: "ERP", eventTypes: ["commission.approved"], status: "active", createdAt: created.createdAt });
    const list = await jsonOf(await callApi(stack, "GET", "/v1/webhooks?limit=1", { key: p.apiKey }));
    expect(list).toEqual({ items: [got], nextCursor: null });
    expect(JSON.stringify(list)).not.toContain("whsec_");

    const patched = await jsonOf(await callApi(stack, "PATCH", `/v1/webhooks/${created.id}`, { key: p.apiKey, body: { eventTypes: [], status: "disabled", description: null } }));
    expect(patched).toMatchObject({ eventTypes: [], status: "disabled", description: null });
    expect((await ping(p.apiKey, created.id)).status).toBe(409);
    expect((await callApi(stack, "DELETE", `/v1/webhooks/${created.id}`, { key: p.apiKey })).status).toBe(204);
    expect((await callApi(stack, "GET", `/v1/webhooks/${created.id}`, { key: p.apiKey })).status).toBe(404);
  });
});

describe("webhook deliveries", () => {
  it("announces an order, its commission and the API's approval, once each, signed with the endpoint's secret", async () => {
    const p = await seedTestProgram(stack);
    const url = receiver.newUrl();
    const all = await createWebhook(stack, p.apiKey, { url });
    const onlyApprovals = await createWebhook(stack, p.apiKey, { url: receiver.newUrl(), eventTypes: ["commission.approved"] });
    const commission = await orderWithCommission(stack, p, 20_000);
    expect((await callApi(stack, "POST", "/v1/commissions/decisions", { key: p.apiKey, body: { action: "approve", ids: [commission.id] } })).status).toBe(200);
    // The order reported again (at-least-once upstream) and the approval repeated announce nothing new.
    await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: commission.order_id, amount: 20_000, currency: "BRL" });
    await callApi(stack, "POST", "/v1/commissions/decisions", { key: p.apiKey, body: { action: "approve", ids: [commission.id] } });

    const expected = ["commission.approved", "commission.created", "conversion.created"];
    await waitFor(async () => (await deliveriesOf(stack, all.id)).length >= 3, 20_000, "three deliveries");
    await runWebhookCron(stack);
    const rows = await deliveriesOf(stack, all.id);
    expect(rows.map((r) => r.event_type).sort()).toEqual(expected);
    expect(rows.map((r) => r.event_id).sort()).toEqual([`commission.approved:${commission.id}`, `commission.created:${commission.id}`, `conversion.created:${commission.conversion_id}`]);
    expect(rows.every((r) => r.status === "delivered" && r.attempts === 1 && r.last_status_code === 204)).toBe(true);
    expect((await deliveriesOf(stack, onlyApprovals.id)).map((r) => r.event_type)).toEqual(["commission.approved"]);

    const hooks = receiver.hooksFor(url);
    expect(hooks.map((h) => h.headers["indica-event-type"]).sort()).toEqual(expected);
    for (const hook of hooks) {
      expect(await verifyWebhookSignature(hook.body, hook.headers["indica-signature"] as string, all.secret)).toBe("ok");
      expect(await verifyWebhookSignature(hook.body, hook.headers["indica-signature"] as string, onlyApprovals.secret)).toBe("mismatch");
      const body = JSON.parse(hook.body);
      expect(Object.keys(body)).toEqual(["id", "type", "createdAt", "data"]);
      expect(hook.headers["indica-event-id"]).toBe(body.id);
    }
    const approved = JSON.parse(hooks.find((h) => h.headers["indica-event-type"] === "commission.approved")!.body);
    expect(approved.data).toMatchObject({ id: commission.id, orderId: commission.order_id, affiliateId: p.affiliateId, amount: 2_000, status: "approved", currency: "BRL" });
    const conversion = JSON.parse(hooks.find((h) => h.headers["indica-event-type"] === "conversion.created")!.body);
    expect(conversion.data).toMatchObject({ id: commission.conversion_id, orderId: commission.order_id, amount: 20_000, affiliateId: p.affiliateId, status: "placed" });

    await runWebhookCron(stack);
    expect(receiver.hooksFor(url)).toHaveLength(3);
  });

  it("announces a refund, the reversal it makes, and an order's move to cancelled", async () => {
    const p = await seedTestProgram(stack);
    const hook = await createWebhook(stack, p.apiKey, { url: receiver.newUrl(), eventTypes: ["refund.created", "commission.reversed", "conversion.status_changed"] });
    const commission = await orderWithCommission(stack, p, 20_000);
    await serverPost(stack, "/v1/refunds", p.apiKey, { orderId: commission.order_id, amount: 5_000, currency: "BRL", refundId: "r-1" });
    await waitFor(async () => (await deliveriesOf(stack, hook.id)).length >= 2, 20_000, "the refund's deliveries");
    await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: commission.order_id, amount: 20_000, currency: "BRL", status: "cancelled" });
    await waitFor(async () => (await deliveriesOf(stack, hook.id)).length >= 4, 20_000, "the cancellation's deliveries");
    const rows = await deliveriesOf(stack, hook.id);
    const refundRow = rows.find((r) => r.event_type === "refund.created")!;
    expect(refundRow.event_id).toBe(`refund.created:${refundRow.payload.data.id}`);
    expect(rows.filter((r) => r !== refundRow).map((r) => r.event_id).sort()).toEqual(
      [`commission.reversed:${commission.id}:cancelled:${commission.order_id}`, `commission.reversed:${commission.id}:r-1`, `conversion.status_changed:${commission.conversion_id}:cancelled`].sort(),
    );
    const reversal = rows.find((r) => r.event_id === `commission.reversed:${commission.id}:r-1`)!.payload.data;
    expect(reversal).toMatchObject({ id: commission.id, amount: 2_000, reversalAmount: 500, reversedAmount: 500, refundId: "r-1", status: "pending" });
    const cancelled = rows.find((r) => r.event_type === "conversion.status_changed")!.payload.data;
    expect(cancelled).toMatchObject({ id: commission.conversion_id, status: "cancelled" });
    expect(refundRow.payload.data).toMatchObject({ orderId: commission.order_id, refundId: "r-1", amount: 5_000 });
  });

  it("retries a failed delivery with backoff, then delivers it; the log shows every attempt", async () => {
    const p = await seedTestProgram(stack);
    const url = receiver.newUrl();
    const hook = await createWebhook(stack, p.apiKey, { url });
    receiver.answer(url, 500);
    const queued = await jsonOf(await ping(p.apiKey, hook.id));
    expect(queued).toMatchObject({ eventType: "ping", status: "pending", attempts: 0, payload: { type: "ping", data: { endpointId: hook.id } } });

    const before = Date.now();
    await runWebhookCron(stack);
    let [entry] = (await log(p.apiKey, hook.id)).items;
    expect(entry).toMatchObject({ id: queued.id, status: "pending", attempts: 1, lastStatusCode: 500, lastError: "HTTP 500" });
    // The first retry is a minute away, ±20 %.
    const wait = Date.parse(entry.nextAttemptAt) - before;
    expect(wait).toBeGreaterThan(47_000);
    expect(wait).toBeLessThan(73_000 + (Date.now() - before));
    await runWebhookCron(stack);
    expect(receiver.hooksFor(url)).toHaveLength(1);

    // A minute later (moved here rather than waited for), the receiver is back.
    await stack.db.query("UPDATE webhook_deliveries SET next_attempt_at = now() WHERE id = $1", [queued.id]);
    receiver.answer(url, 200);
    await runWebhookCron(stack);
    [entry] = (await log(p.apiKey, hook.id, "?status=delivered")).items;
    expect(entry).toMatchObject({ id: queued.id, status: "delivered", attempts: 2, lastStatusCode: 200, lastError: null, nextAttemptAt: null, deliveredAt: expect.any(String) });
    const bodies = receiver.hooksFor(url).map((h) => h.body);
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toBe(bodies[1]);
    expect((await log(p.apiKey, hook.id, "?status=failed")).items).toEqual([]);
  });

  it("gives up after the last attempt, parks the delivery for replay, and sends it again when asked", async () => {
    const p = await seedTestProgram(stack);
    const url = receiver.newUrl();
    const hook = await createWebhook(stack, p.apiKey, { url });
    receiver.answer(url, 503);
    const queued = await jsonOf(await ping(p.apiKey, hook.id));
    await stack.db.query("UPDATE webhook_deliveries SET attempts = $2 WHERE id = $1", [queued.id, WEBHOOK_MAX_ATTEMPTS - 1]);
    await runWebhookCron(stack);
    const [failed] = (await log(p.apiKey, hook.id, "?status=failed")).items;
    expect(failed).toMatchObject({ id: queued.id, status: "failed", attempts: WEBHOOK_MAX_ATTEMPTS, lastStatusCode: 503, nextAttemptAt: null });
    const parked = (await stack.db.query("SELECT * FROM failed_events WHERE tenant_id = $1", [p.tenantId])).rows;
    expect(parked).toHaveLength(1);
    expect(parked[0]).toMatchObject({ source: "webhooks", event_type: "webhook_delivery", event_id: queued.id, attempts: WEBHOOK_MAX_ATTEMPTS });
    expect(parked[0].reason).toContain("HTTP 503");

    receiver.answer(url, 204);
    const retried = await callApi(stack, "POST", `/v1/webhooks/${hook.id}/deliveries/${queued.id}/retry`, { key: p.apiKey });
    expect(retried.status).toBe(202);
    expect(await jsonOf(retried)).toMatchObject({ id: queued.id, status: "pending" });
    await runWebhookCron(stack);
    expect((await log(p.apiKey, hook.id)).items[0]).toMatchObject({ status: "delivered", attempts: WEBHOOK_MAX_ATTEMPTS + 1, lastStatusCode: 204 });
  });

  it("puts a parked delivery back in line when the failed event is replayed", async () => {
    const p = await seedTestProgram(stack);
    const url = receiver.newUrl();
    const hook = await createWebhook(stack, p.apiKey, { url });
    receiver.answer(url, 500);
    const queued = await jsonOf(await ping(p.apiKey, hook.id));
    await stack.db.query("UPDATE webhook_deliveries SET attempts = $2 WHERE id = $1", [queued.id, WEBHOOK_MAX_ATTEMPTS - 1]);
    await runWebhookCron(stack);
    const [parked] = (await stack.db.query("SELECT id FROM failed_events WHERE tenant_id = $1", [p.tenantId])).rows;
    const replay = await stack.fetch("indica-ingest", "https://ingest.test/admin/failed-events/replay", {
      method: "POST",
      headers: { authorization: "Bearer test-admin-token", "content-type": "application/json" },
      body: JSON.stringify({ ids: [parked.id] }),
    });
    expect(await replay.json()).toEqual({ replayed: 1 });
    await waitFor(async () => (await deliveriesOf(stack, hook.id))[0].status === "pending", 20_000, "the delivery back in line");
    receiver.answer(url, 204);
    await runWebhookCron(stack);
    expect((await deliveriesOf(stack, hook.id))[0]).toMatchObject({ status: "delivered" });
  });

  it("signs with the new secret once rotated", async () => {
    const p = await seedTestProgram(stack);
    const url = receiver.newUrl();
    const hook = await createWebhook(stack, p.apiKey, { url });
    const rotated = await jsonOf(await callApi(stack, "POST", `/v1/webhooks/${hook.id}/rotate-secret`, { key: p.apiKey }));
    expect(rotated).toEqual({ id: hook.id, secret: expect.stringMatching(/^whsec_/) });
    expect(rotated.secret).not.toBe(hook.secret);
    await ping(p.apiKey, hook.id);
    await runWebhookCron(stack);
    const [got] = receiver.hooksFor(url);
    expect(await verifyWebhookSignature(got.body, got.headers["indica-signature"] as string, rotated.secret)).toBe("ok");
    expect(await verifyWebhookSignature(got.body, got.headers["indica-signature"] as string, hook.secret)).toBe("mismatch");
  });
});
