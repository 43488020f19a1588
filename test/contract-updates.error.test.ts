/**
 * A PATCH body of only misspelt fields (`comissionRules`, `staus`, `uri`) was answered 200 with nothing
 * changed, so the integrator believed the change was made. Campaigns, affiliates and webhooks refuse any
 * unknown key (alone or beside known ones, test/api-strict-bodies.error.test.ts), with a 400 pointing at
 * each key; `{}` stays an explicit no-op, and real updates still work.
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

describe("PATCH with no field the resource knows", () => {
  it("campaigns, affiliates and webhooks answer 400 on each unknown key and keep the resource as it was", async () => {
    const p = await seedTestProgram(stack);
    const key = await tokenFor(stack, p.tenantId, "owner");
    const webhook = await jsonOf(await callApi(stack, "POST", "/v1/webhooks", { key, body: { url: "https://hooks.example/indica" } }));
    const before = {
      campaign: await jsonOf(await callApi(stack, "GET", `/v1/campaigns/${p.campaignId}`, { key })),
      affiliate: await jsonOf(await callApi(stack, "GET", `/v1/affiliates/${p.affiliateId}`, { key })),
      webhook: await jsonOf(await callApi(stack, "GET", `/v1/webhooks/${webhook.id}`, { key })),
    };
    const cases: [string, unknown, string[]][] = [
      [`/v1/campaigns/${p.campaignId}`, { comissionRules: { base: { type: "percentage", bp: 9000 } } }, ["/body/comissionRules"]],
      [`/v1/affiliates/${p.affiliateId}`, { staus: "suspended", "a/b": 1 }, ["/body/staus", "/body/a~1b"]],
      [`/v1/webhooks/${webhook.id}`, { uri: "https://elsewhere.example/" }, ["/body/uri"]],
    ];
    for (const [path, body, pointers] of cases) {
      const problem = await expectFieldErrors(await callApi(stack, "PATCH", path, { key, body }), pointers);
      expect(problem.errors?.[0].detail).toMatch(/unknown field/);
    }
    expect(await jsonOf(await callApi(stack, "GET", `/v1/campaigns/${p.campaignId}`, { key }))).toEqual(before.campaign);
    expect(await jsonOf(await callApi(stack, "GET", `/v1/affiliates/${p.affiliateId}`, { key }))).toEqual(before.affiliate);
    expect(await jsonOf(await callApi(stack, "GET", `/v1/webhooks/${webhook.id}`, { key }))).toEqual(before.webhook);
    for (const path of [`/v1/campaigns/${p.campaignId}`, `/v1/affiliates/${p.affiliateId}`, `/v1/webhooks/${webhook.id}`]) {
      expect((await callApi(stack, "PATCH", path, { key, body: {} })).status, `{} on ${path}`).toBe(200);
    }
  });

  it("a body with known fields only is applied; an unknown one beside them is refused too", async () => {
    const p = await seedTestProgram(stack);
    const key = await tokenFor(stack, p.tenantId, "owner");
    await expectFieldErrors(await callApi(stack, "PATCH", `/v1/campaigns/${p.campaignId}`, { key, body: { name: "Verão", note: "not a field" } }), ["/body/note"]);
    const res = await callApi(stack, "PATCH", `/v1/campaigns/${p.campaignId}`, { key, body: { name: "Verão" } });
    expect(res.status).toBe(200);
    expect((await jsonOf(res)).name).toBe("Verão");
    const aff = await callApi(stack, "PATCH", `/v1/affiliates/${p.affiliateId}`, { key, body: { affiliateGroup: null } });
    expect(aff.status).toBe(200);
  });
});
