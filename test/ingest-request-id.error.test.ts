/**
 * Every ingest refusal (browser endpoints, S2S /v1/*, platform webhooks, operator endpoints, unknown paths)
 * is a problem carrying the request's id, in its body and in `X-Request-Id`, as the API's problems do: the
 * id a developer quotes to support is the one in the Worker's log line.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { createApiKey } from "./helpers/api";
import { configureSite, eventBatch, expectIngestProblem, pageview, postClickFrom, postEventsFrom, s2sConversion } from "./helpers/ingest-fixtures";
import { connect, platformHeaders, sendWebhook } from "./helpers/integrations";
import { shopifyOrderPaid } from "./fixtures/integrations/shopify";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";
import { postEvents, serverPost } from "./helpers/tracking";

/** What the ingest's request log makes (core/ids.ts `newId("request")`). */
const REQUEST_ID = /^req_[0-9A-HJKMNP-TV-Z]{26}$/;

let stack: TestStack;
let p: SeededProgram;
beforeAll(async () => {
  stack = await startTestStack();
  p = await seedTestProgram(stack);
  await configureSite(stack, p.tenantId, { allowedOrigins: ["https://loja.example"] });
});
afterAll(() => stack?.close());

/** The problem's id: well-formed, and the same as the response's X-Request-Id. */
async function requestIdOf(res: Response, status: number, code: string, format: RegExp = REQUEST_ID): Promise<string> {
  const header = res.headers.get("x-request-id");
  const body = (await expectIngestProblem(res, status, code)) as { requestId?: string };
  expect(body.requestId).toMatch(format);
  expect(header).toBe(body.requestId);
  return body.requestId!;
}

const ingest = (path: string, init: RequestInit) => stack.fetch("indica-ingest", `https://ingest.indica.test${path}`, init);

describe("ingest problems carry the request id", () => {
  it("browser endpoints: 400, 403, 404, 413", async () => {
    await requestIdOf(await postEvents(stack, "{not json"), 400, "bad_request");
    await requestIdOf(await postEvents(stack, eventBatch(p.tenantId, [{ type: "pageview" }])), 400, "validation_failed");
    await requestIdOf(await postEvents(stack, eventBatch(newId("tenant"), [pageview()])), 404, "not_found");
    await requestIdOf(await postEvents(stack, "x".repeat(65 * 1024)), 413, "payload_too_large");
    await requestIdOf(await postEventsFrom(stack, "https://evil.example", eventBatch(p.tenantId, [pageview()])), 403, "forbidden");
    await requestIdOf(await postClickFrom(stack, "https://evil.example", { site: p.tenantId, clickId: newId("click") }), 403, "forbidden");
  });

  it("S2S endpoints: 400, 401, 403, 413", async () => {
    const readOnly = await createApiKey(stack, p.tenantId, { scopes: ["links:read"] });
    await requestIdOf(await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: "" }), 400, "validation_failed");
    await requestIdOf(await serverPost(stack, "/v1/refunds", null, { orderId: "x" }), 401, "unauthorized");
    await requestIdOf(await serverPost(stack, "/v1/conversions/batch", "ik_unknown", { conversions: [] }), 401, "unauthorized");
    await requestIdOf(await serverPost(stack, "/v1/conversions", readOnly.key, s2sConversion()), 403, "forbidden");
    await requestIdOf(await serverPost(stack, "/v1/conversions", p.apiKey, "x".repeat(1024 * 1024 + 1)), 413, "payload_too_large");
  });

  it("keeps a well-formed id the caller sent, as the API does", async () => {
    const id = await requestIdOf(await serverPost(stack, "/v1/conversions", null, s2sConversion(), { "x-request-id": "checkout-7f3a9c21" }), 401, "unauthorized", /.+/);
    expect(id).toBe("checkout-7f3a9c21");
  });

  it("integration webhooks: an unknown endpoint (404) and a refused signature (401)", async () => {
    await requestIdOf(await ingest("/v1/integrations/shopify/int_01JB8Z5Q3X0000000000000000", { method: "POST", body: "{}" }), 404, "not_found");
    const c = await connect(stack, p, "shopify");
    const body = JSON.stringify(shopifyOrderPaid({ id: 1 }));
    await requestIdOf(await sendWebhook(stack, c, body, platformHeaders("shopify", "not-the-secret", body, { topic: "orders/paid" })), 401, "unauthorized");
  });

  it("operator endpoints and unknown paths: 401, 404", async () => {
    await requestIdOf(await ingest("/admin/failed-events/replay", { method: "POST", body: "{}" }), 401, "unauthorized");
    await requestIdOf(await ingest("/admin/reattribute", { method: "POST", headers: { authorization: "Bearer wrong" }, body: "{}" }), 401, "unauthorized");
    await requestIdOf(await ingest("/v1/nowhere", { method: "GET" }), 404, "not_found");
  });

  it("each request has its own id", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) ids.add(await requestIdOf(await serverPost(stack, "/v1/refunds", null, {}), 401, "unauthorized"));
    expect(ids.size).toBe(3);
  });
});
