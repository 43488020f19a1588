/**
 * An integrator's webhook receiver, as docs/webhooks.md describes it:
 * - an order moved with POST /v1/conversions/{id}/status is announced as `conversion.status_changed`, as a
 *   status reported by the merchant's server is (it was announced by neither the order nor the API);
 * - "A disabled endpoint's events wait, and are sent once it is active again": events that happened while
 *   it was disabled were never queued for it, so re-enabling it delivered nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi } from "./helpers/api";
import { clickOn, placeOrder } from "./helpers/program-activity";
import { seedTestProgram, type TestStack } from "./helpers/stack";
import { startWebhookReceiver, type WebhookReceiver } from "./helpers/webhook-receiver";
import { createWebhook, deleteCreatedWebhooks, deliveriesOf, runWebhookCron, startWebhookTestStack } from "./helpers/webhooks";
import { verifyWebhookSignature } from "../core/webhook-signature";

let stack: TestStack;
let receiver: WebhookReceiver;
beforeAll(async () => {
  stack = await startWebhookTestStack();
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await deleteCreatedWebhooks(stack);
  await stack?.close();
  await receiver?.close();
});

describe("webhooks, as an integrator receives them", () => {
  it("announces a status changed through the API as conversion.status_changed, signed as documented", async () => {
    const p = await seedTestProgram(stack);
    const url = receiver.newUrl();
    const hook = await createWebhook(stack, p.apiKey, { url, eventTypes: ["conversion.status_changed"] });
    const order = await placeOrder(stack, p, { amount: 10_000, clickId: (await clickOn(stack, p.code)).clickId });

    for (const status of ["paid", "paid", "cancelled"]) {
      expect((await callApi(stack, "POST", `/v1/conversions/${order.id}/status`, { key: p.apiKey, body: { status } })).status).toBe(200);
    }
    const ids = (await deliveriesOf(stack, hook.id)).map((d) => d.event_id).sort();
    expect(ids).toEqual([`conversion.status_changed:${order.id}:cancelled`, `conversion.status_changed:${order.id}:paid`]);

    await runWebhookCron(stack);
    const got = receiver.hooksFor(url);
    expect(got).toHaveLength(2);
    for (const h of got) expect(await verifyWebhookSignature(h.body, h.headers["indica-signature"] as string, hook.secret)).toBe("ok");
    const cancelled = got.map((h) => JSON.parse(h.body)).find((e) => e.data.status === "cancelled");
    expect(cancelled).toMatchObject({ type: "conversion.status_changed", data: { id: order.id, orderId: order.orderId, amount: 10_000, currency: "BRL", affiliateId: p.affiliateId } });
  });

  it("keeps a disabled endpoint's events and sends them once it is active again", async () => {
    const p = await seedTestProgram(stack);
    const url = receiver.newUrl();
    const hook = await createWebhook(stack, p.apiKey, { url, eventTypes: ["conversion.created"] });
    expect((await callApi(stack, "PATCH", `/v1/webhooks/${hook.id}`, { key: p.apiKey, body: { status: "disabled" } })).status).toBe(200);

    const order = await placeOrder(stack, p, { amount: 10_000 });
    await runWebhookCron(stack);
    expect(receiver.hooksFor(url)).toHaveLength(0); // disabled: nothing is sent

    expect((await callApi(stack, "PATCH", `/v1/webhooks/${hook.id}`, { key: p.apiKey, body: { status: "active" } })).status).toBe(200);
    await runWebhookCron(stack);
    expect(receiver.hooksFor(url).map((h) => JSON.parse(h.body).id)).toEqual([`conversion.created:${order.id}`]);
  });

  it("keeps a disabled endpoint's commission.created events too (the consumer announced commissions only to active endpoints)", async () => {
    const p = await seedTestProgram(stack);
    const url = receiver.newUrl();
    const hook = await createWebhook(stack, p.apiKey, { url, eventTypes: ["commission.created"] });
    expect((await callApi(stack, "PATCH", `/v1/webhooks/${hook.id}`, { key: p.apiKey, body: { status: "disabled" } })).status).toBe(200);

    const { clickId } = await clickOn(stack, p.code);
    const order = await placeOrder(stack, p, { amount: 10_000, clickId });
    expect((await deliveriesOf(stack, hook.id)).map((d) => d.event_type)).toEqual(["commission.created"]);

    expect((await callApi(stack, "PATCH", `/v1/webhooks/${hook.id}`, { key: p.apiKey, body: { status: "active" } })).status).toBe(200);
    await runWebhookCron(stack);
    const sent = receiver.hooksFor(url).map((h) => JSON.parse(h.body));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: "commission.created", data: { orderId: order.orderId } });
  });
});
