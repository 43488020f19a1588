/** Webhooks belong to one merchant: other tenants see nothing, and only roles allowed webhooks may touch them. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import { callApi, createApiKey, expectProblem } from "./helpers/api";
import { tokenFor } from "./helpers/auth";
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

const URL_ = "https://loja.example/hooks";

/** Every webhook operation on endpoint `id` (delivery `d`), as [method, path, body]. */
const operations = (id: string, d: string): [string, string, unknown?][] => [
  ["GET", `/v1/webhooks/${id}`],
  ["PATCH", `/v1/webhooks/${id}`, { status: "disabled" }],
  ["DELETE", `/v1/webhooks/${id}`],
  ["POST", `/v1/webhooks/${id}/rotate-secret`],
  ["GET", `/v1/webhooks/${id}/deliveries`],
  ["POST", `/v1/webhooks/${id}/deliveries/${d}/retry`],
  ["POST", `/v1/webhooks/${id}/test`],
];

describe("webhooks security", () => {
  it("answers 404 to another merchant for every operation, and lists none of it", async () => {
    const owner = await seedTestProgram(stack);
    const other = await seedTestProgram(stack);
    const hook = await createWebhook(stack, owner.apiKey, { url: URL_ });
    // A delivery already made, written here: a queued one would be sent by whichever test file's cron runs next.
    const ping = { id: newId("webhookDelivery") };
    await stack.db.query("INSERT INTO webhook_deliveries (id, tenant_id, endpoint_id, event_id, event_type, payload, status) VALUES ($1, $2, $3, 'ping:x', 'ping', '{}', 'delivered')", [ping.id, owner.tenantId, hook.id]);
    for (const [method, path, body] of operations(hook.id, ping.id)) {
      await expectProblem(await callApi(stack, method, path, { key: other.apiKey, body }), 404, "not_found");
    }
    // The owner's own delivery, asked for under another of the owner's endpoints, is not found either.
    const second = await createWebhook(stack, owner.apiKey, { url: URL_ });
    await expectProblem(await callApi(stack, "POST", `/v1/webhooks/${second.id}/deliveries/${ping.id}/retry`, { key: owner.apiKey }), 404, "not_found");
    expect(await (await callApi(stack, "GET", "/v1/webhooks", { key: other.apiKey })).json()).toEqual({ items: [], nextCursor: null });
    const still = await stack.db.query("SELECT status, sealed_secret FROM webhook_endpoints WHERE id = $1", [hook.id]);
    expect(still.rows[0].status).toBe("active");
  });

  it("lets analysts, affiliate managers and affiliates neither read nor write webhooks (403), nor read-only keys write", async () => {
    const p = await seedTestProgram(stack);
    const hook = await createWebhook(stack, p.apiKey, { url: URL_ });
    const tokens = [await tokenFor(stack, p.tenantId, "analyst"), await tokenFor(stack, p.tenantId, "affiliate_manager"), await tokenFor(stack, p.tenantId, "affiliate", { affiliateId: p.affiliateId })];
    for (const key of tokens) {
      await expectProblem(await callApi(stack, "POST", "/v1/webhooks", { key, body: { url: URL_ } }), 403, "forbidden");
      await expectProblem(await callApi(stack, "GET", "/v1/webhooks", { key }), 403, "forbidden");
      for (const [method, path, body] of operations(hook.id, "whd_01JB8Z5Q3X0000000000000000")) {
        await expectProblem(await callApi(stack, method, path, { key, body }), 403, "forbidden");
      }
    }
    const readOnly = await createApiKey(stack, p.tenantId, { scopes: ["webhooks:read"] });
    expect((await callApi(stack, "GET", `/v1/webhooks/${hook.id}`, { key: readOnly.key })).status).toBe(200);
    await expectProblem(await callApi(stack, "POST", `/v1/webhooks/${hook.id}/rotate-secret`, { key: readOnly.key }), 403, "forbidden");
    await expectProblem(await callApi(stack, "POST", "/v1/webhooks", { key: readOnly.key, body: { url: URL_ } }), 403, "forbidden");
  });

  it("lets an admin manage webhooks; refuses callers without credentials", async () => {
    const p = await seedTestProgram(stack);
    const admin = await tokenFor(stack, p.tenantId, "admin");
    const hook = await createWebhook(stack, admin, { url: URL_ });
    expect((await callApi(stack, "GET", `/v1/webhooks/${hook.id}`, { key: p.apiKey })).status).toBe(200);
    await expectProblem(await callApi(stack, "GET", "/v1/webhooks"), 401, "unauthorized");
  });
});
