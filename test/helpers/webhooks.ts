/** Webhook test helpers: a stack that accepts loopback http receivers, endpoints, the sender's cron, an order with a commission. */
import { expect } from "vitest";
import { newId } from "../../core/ids";
import type { SeededProgram } from "../../scripts/lib/seed-program";
import { callApi, jsonOf } from "./api";
import { startTestStack, TEST_LINK_DOMAIN, waitFor, type TestStack } from "./stack";
import { BROWSER_HEADERS, orderId, serverPost } from "./tracking";

/** Receivers in tests are plain http on 127.0.0.1, which only this setting allows. */
export const startWebhookTestStack = () => startTestStack({ bindings: { "indica-api": { WEBHOOK_ALLOW_LOOPBACK_HTTP: "true" } } });

/** Endpoints made by this test file (modules are per file). */
const created: string[] = [];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked by assertions
export async function createWebhook(stack: TestStack, key: string, body: Record<string, unknown>): Promise<any> {
  const res = await callApi(stack, "POST", "/v1/webhooks", { key, body });
  const json = await jsonOf(res);
  expect(res.status, JSON.stringify(json)).toBe(201);
  created.push(json.id);
  return json;
}

/**
 * The test files share one database, and any file's cron sends every due delivery: deleting this file's
 * endpoints (and with them their deliveries) leaves no retries aimed at receivers that are gone.
 */
export async function deleteCreatedWebhooks(stack: TestStack): Promise<void> {
  await stack.db.query("DELETE FROM webhook_endpoints WHERE id = ANY($1)", [created]);
}

/** What the every-minute Cron Trigger does: send the due deliveries. */
export async function runWebhookCron(stack: TestStack): Promise<void> {
  const ingest = (await stack.mf.getWorker("indica-ingest")) as unknown as { scheduled(o: { cron: string }): Promise<{ outcome: string }> };
  expect((await ingest.scheduled({ cron: "* * * * *" })).outcome).toBe("ok");
}

export async function deliveriesOf(stack: TestStack, endpointId: string): Promise<Record<string, any>[]> {
  return (await stack.db.query("SELECT * FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY created_at, event_id", [endpointId])).rows;
}

/** A clean click and an order through the real redirect and ingest Workers; resolves to the order's commission row. */
export async function orderWithCommission(stack: TestStack, p: SeededProgram, amount = 10_000): Promise<Record<string, any>> {
  const res = await stack.fetch("indica-redirect", `https://${TEST_LINK_DOMAIN}/${p.code}`, { headers: { ...BROWSER_HEADERS, cookie: `indica_vid=${newId("visitor")}` } });
  const clickId = new URL(res.headers.get("location")!).searchParams.get("indica_cid")!;
  await waitFor(async () => (await stack.db.query("SELECT 1 FROM clicks WHERE id = $1", [clickId])).rowCount === 1, 20_000, "the click");
  const order = orderId();
  const posted = await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount, currency: "BRL", clickId, occurredAt: new Date(Date.now() + 3_600_000).toISOString() });
  expect(posted.status).toBeLessThan(300);
  return waitFor(async () => (await stack.db.query("SELECT * FROM commissions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order])).rows[0], 20_000, "the commission");
}
