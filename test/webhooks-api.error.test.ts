/** Bad webhook input is refused with RFC 9457 problems that point at each field. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, expectFieldErrors, expectProblem } from "./helpers/api";
import { seedTestProgram, type TestStack } from "./helpers/stack";
import { createWebhook, deleteCreatedWebhooks, startWebhookTestStack } from "./helpers/webhooks";

let stack: TestStack;
beforeAll(async () => {
  stack = await startWebhookTestStack();
});
afterAll(async () => {
  if (stack) await deleteCreatedWebhooks(stack);
  await stack?.close();
});

const post = (key: string, body: unknown) => callApi(stack, "POST", "/v1/webhooks", { key, body });

describe("webhooks errors", () => {
  it("refuses URLs that are not https (http only for loopback), carry credentials or are not URLs", async () => {
    const p = await seedTestProgram(stack);
    for (const url of ["http://loja.example/hooks", "ftp://loja.example/", "https://u:p@loja.example/", "not a url", "https://loja.example/#frag", "http://10.0.0.5/hooks"]) {
      const body = await expectFieldErrors(await post(p.apiKey, { url }), ["/body/url"]);
      expect(body.errors).toHaveLength(1);
    }
    await expectFieldErrors(await post(p.apiKey, {}), ["/body/url"]);
    await expectFieldErrors(await post(p.apiKey, { url: `https://loja.example/${"a".repeat(2100)}` }), ["/body/url"]);
    expect((await post(p.apiKey, { url: "http://127.0.0.1:9/hooks" })).status).toBe(201);
  });

  it("refuses unknown event types, each pointed at, and ping as a subscription", async () => {
    const p = await seedTestProgram(stack);
    await expectFieldErrors(await post(p.apiKey, { url: "https://loja.example/h", eventTypes: ["commission.approved", "order.exploded", "ping"] }), ["/body/eventTypes/1", "/body/eventTypes/2"]);
    await expectFieldErrors(await post(p.apiKey, { url: "https://loja.example/h", eventTypes: "commission.approved" }), ["/body/eventTypes"]);
    await expectFieldErrors(await post(p.apiKey, { url: "https://loja.example/h", description: "a\u0000b" }), ["/body/description"]);
    const hook = await createWebhook(stack, p.apiKey, { url: "https://loja.example/h" });
    await expectFieldErrors(await callApi(stack, "PATCH", `/v1/webhooks/${hook.id}`, { key: p.apiKey, body: { eventTypes: ["nope"], status: "paused" } }), ["/body/eventTypes/0", "/body/status"]);
    await expectFieldErrors(await callApi(stack, "PATCH", `/v1/webhooks/${hook.id}`, { key: p.apiKey, body: { url: "http://loja.example/" } }), ["/body/url"]);
  });

  it("refuses malformed ids, filters and pages", async () => {
    const p = await seedTestProgram(stack);
    await expectFieldErrors(await callApi(stack, "GET", "/v1/webhooks/lnk_01JB8Z5Q3X0000000000000000", { key: p.apiKey }), ["/param/id"]);
    const hook = await createWebhook(stack, p.apiKey, { url: "https://loja.example/h" });
    await expectFieldErrors(await callApi(stack, "GET", `/v1/webhooks/${hook.id}/deliveries?status=lost&limit=0`, { key: p.apiKey }), ["/query/status", "/query/limit"]);
    await expectFieldErrors(await callApi(stack, "POST", `/v1/webhooks/${hook.id}/deliveries/nope/retry`, { key: p.apiKey }), ["/param/deliveryId"]);
    await expectProblem(await callApi(stack, "POST", `/v1/webhooks/${hook.id}/deliveries/whd_01JB8Z5Q3X0000000000000000/retry`, { key: p.apiKey }), 404, "not_found");
    await expectProblem(await callApi(stack, "POST", "/v1/webhooks", { key: p.apiKey, body: "{not json" }), 400, "bad_request");
  });
});
