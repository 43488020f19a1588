/**
 * An outside tester's walkthrough (2026-11-24): a commission recomputed from its order's new figures got a
 * new id (GET of the old one 404) and a second `commission.created`, so a receiver adding them up counted
 * both. A recomputed commission now keeps its id and is announced once as `commission.updated`, and a share
 * the order no longer gives is rejected ("order refigured"), however often the report is delivered.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import { rollupFromRawSql, storedRollupSql } from "../db/queries/report-recompute";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { callApi, jsonOf } from "./helpers/api";
import { drainQueue, refund } from "./helpers/ingest-fixtures";
import { addAffiliate, clickOn, commissionsOfOrder } from "./helpers/program-activity";
import { seedTestProgram, waitFor, type TestStack } from "./helpers/stack";
import { conversionOf, orderId, serverPost } from "./helpers/tracking";
import { startWebhookReceiver, type WebhookReceiver } from "./helpers/webhook-receiver";
import { createWebhook, deleteCreatedWebhooks, deliveriesOf, runWebhookCron, startWebhookTestStack } from "./helpers/webhooks";

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

async function send(p: SeededProgram, body: Record<string, unknown>): Promise<void> {
  const res = await serverPost(stack, "/v1/conversions", p.apiKey, { currency: "BRL", occurredAt: new Date(Date.now() + 3_600_000).toISOString(), ...body });
  expect(res.status, await res.clone().text()).toBe(202);
}
const commissionEvents = async (endpointId: string) => (await deliveriesOf(stack, endpointId)).map((d) => d.event_id as string).filter((e) => e.startsWith("commission."));
/** The order's one commission, once made. */
async function onlyCommissionOf(p: SeededProgram, order: string) {
  const [made] = await waitFor(async () => {
    const rows = await commissionsOfOrder(stack, p.tenantId, order);
    return rows.length === 1 && rows;
  }, 20_000, "the commission");
  return made;
}
const paid = async (p: SeededProgram, order: string) => waitFor(async () => (await conversionOf(stack, p.tenantId, order))?.status === "paid", 20_000, "the paid report");

describe("a commission recomputed from its order's new figures", () => {
  it("placed 10000 then paid 12000, delivered twice: the same commission id takes 1200, announced once as commission.updated", async () => {
    const p = await seedTestProgram(stack);
    await stack.db.query("UPDATE tenants SET timezone = 'UTC' WHERE id = $1", [p.tenantId]);
    const url = receiver.newUrl();
    const hook = await createWebhook(stack, p.apiKey, { url });
    const report = { orderId: orderId(), amount: 10_000, status: "placed", clickId: (await clickOn(stack, p.code)).clickId };
    await send(p, report);
    const made = await onlyCommissionOf(p, report.orderId);

    await send(p, { ...report, amount: 12_000, status: "paid" });
    await paid(p, report.orderId);
    await send(p, { ...report, amount: 12_000, status: "paid" }); // at-least-once: delivered again
    await drainQueue(stack);
    const rows = await commissionsOfOrder(stack, p.tenantId, report.orderId);
    expect(rows.map((c) => ({ id: c.id, amount: Number(c.amount), status: c.status }))).toEqual([{ id: made.id, amount: 1_200, status: "pending" }]);
    expect((await jsonOf(await callApi(stack, "GET", `/v1/commissions/${made.id}`, { key: p.apiKey }))).amount).toBe(1_200);
    expect(await commissionEvents(hook.id)).toEqual([`commission.created:${made.id}`, `commission.updated:${made.id}:1`]);

    await runWebhookCron(stack);
    const updated = receiver.hooksFor(url).map((h) => JSON.parse(h.body)).find((e) => e.type === "commission.updated");
    expect(updated.data).toMatchObject({ id: made.id, amount: 1_200, status: "pending", previous: { amount: 1_000, reversedAmount: 0, status: "pending" }, reason: "order refigured" });
    // The rollup trigger followed the update in place: the stored rollups equal a recount from the raw tables.
    expect((await stack.db.query(storedRollupSql("day"), [p.tenantId])).rows).toEqual((await stack.db.query(rollupFromRawSql("day"), [p.tenantId])).rows);
  });

  it("a refund stored before the recomputation is applied again to the new amount, once", async () => {
    const p = await seedTestProgram(stack);
    const report = { orderId: orderId(), amount: 10_000, status: "placed", clickId: (await clickOn(stack, p.code)).clickId };
    await send(p, report);
    const made = await onlyCommissionOf(p, report.orderId);
    expect((await serverPost(stack, "/v1/refunds", p.apiKey, refund(report.orderId, { amount: 5_000 }))).status).toBe(202);
    await waitFor(async () => Number((await commissionsOfOrder(stack, p.tenantId, report.orderId))[0].reversed_amount) === 500, 20_000, "the reversal");

    await send(p, { ...report, amount: 12_000, status: "paid" });
    await paid(p, report.orderId);
    const [after] = await commissionsOfOrder(stack, p.tenantId, report.orderId);
    // 10% of 12000, and the 5000 refund takes back 5000/12000 of it: 500 again, not twice and not forgotten.
    expect({ id: after.id, amount: Number(after.amount), reversed: Number(after.reversed_amount), status: after.status }).toEqual({ id: made.id, amount: 1_200, reversed: 500, status: "pending" });
    expect((await stack.db.query("SELECT amount FROM commission_reversals WHERE commission_id = $1", [made.id])).rows.map((r) => Number(r.amount))).toEqual([500]);
  });

  it("a share the recomputed order no longer gives is rejected (order refigured), the other keeps its id", async () => {
    const p = await seedTestProgram(stack);
    await stack.db.query("UPDATE campaigns SET attribution_model = '{\"kind\":\"linear\"}' WHERE id = $1", [p.campaignId]);
    const hook = await createWebhook(stack, p.apiKey, { url: receiver.newUrl(), eventTypes: ["commission.rejected", "commission.updated"] });
    const other = await addAffiliate(stack, p);
    const visitorId = newId("visitor");
    await clickOn(stack, other.code, { visitorId });
    const report = { orderId: orderId(), amount: 10_000, status: "placed", visitorId, clickId: (await clickOn(stack, p.code, { visitorId })).clickId };
    await send(p, report);
    const before = await waitFor(async () => {
      const rows = await commissionsOfOrder(stack, p.tenantId, report.orderId);
      return rows.length === 2 && rows;
    }, 20_000, "two shares");

    await stack.db.query("UPDATE campaigns SET attribution_model = '{\"kind\":\"last_click\"}' WHERE id = $1", [p.campaignId]);
    await send(p, { ...report, amount: 12_000, status: "paid" });
    await paid(p, report.orderId);
    const after = new Map((await commissionsOfOrder(stack, p.tenantId, report.orderId)).map((c) => [c.affiliate_id, c]));
    const mine = before.find((c) => c.affiliate_id === p.affiliateId);
    const theirs = before.find((c) => c.affiliate_id === other.affiliateId);
    expect({ id: after.get(p.affiliateId).id, amount: Number(after.get(p.affiliateId).amount) }).toEqual({ id: mine.id, amount: 1_200 });
    expect({ id: after.get(other.affiliateId).id, status: after.get(other.affiliateId).status }).toEqual({ id: theirs.id, status: "rejected" });
    expect((await commissionEvents(hook.id)).sort()).toEqual([`commission.rejected:${theirs.id}:1`, `commission.updated:${mine.id}:1`].sort());
  });
});
