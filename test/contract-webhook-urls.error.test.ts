/**
 * Webhook URLs as people paste them: with surrounding spaces or a trailing newline. The spaces were stored
 * as part of the URL and shown back; the newline made the create a 400 "must not contain control
 * characters". Both are trimmed now; a control character inside the URL is still refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, expectFieldErrors, jsonOf } from "./helpers/api";
import { tokenFor } from "./helpers/auth";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);
afterAll(() => stack?.close());

describe("webhook URLs", () => {
  it("are trimmed on create and update; inner control characters are refused", async () => {
    const p = await seedTestProgram(stack);
    const key = await tokenFor(stack, p.tenantId, "owner");
    const created = await callApi(stack, "POST", "/v1/webhooks", { key, body: { url: "  https://hooks.example/indica \n" } });
    expect(created.status).toBe(201);
    const webhook = await jsonOf(created);
    expect(webhook.url).toBe("https://hooks.example/indica");
    const updated = await jsonOf(await callApi(stack, "PATCH", `/v1/webhooks/${webhook.id}`, { key, body: { url: "\thttps://hooks.example/v2 " } }));
    expect(updated.url).toBe("https://hooks.example/v2");
    expect((await jsonOf(await callApi(stack, "GET", `/v1/webhooks/${webhook.id}`, { key }))).url).toBe("https://hooks.example/v2");
    await expectFieldErrors(await callApi(stack, "POST", "/v1/webhooks", { key, body: { url: "https://hooks.example/a\nb" } }), ["/body/url"]);
    await expectFieldErrors(await callApi(stack, "POST", "/v1/webhooks", { key, body: { url: "   " } }), ["/body/url"]);
  });

  it("to private and link-local hosts are refused on create and update, with the reason", async () => {
    const p = await seedTestProgram(stack);
    const key = await tokenFor(stack, p.tenantId, "owner");
    for (const url of ["https://10.0.0.1/h", "https://169.254.169.254/latest", "https://[fd00::1]/h", "https://printer.local/h"]) {
      const res = await callApi(stack, "POST", "/v1/webhooks", { key, body: { url } });
      await expectFieldErrors(res, ["/body/url"]);
    }
    const webhook = await jsonOf(await callApi(stack, "POST", "/v1/webhooks", { key, body: { url: "https://hooks.example/indica" } }));
    const res = await callApi(stack, "PATCH", `/v1/webhooks/${webhook.id}`, { key, body: { url: "https://192.168.1.20/h" } });
    expect(JSON.stringify(await jsonOf(res.clone()))).toContain("must be a public address");
    await expectFieldErrors(res, ["/body/url"]);
  });
});
