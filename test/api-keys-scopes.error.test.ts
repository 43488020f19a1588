/**
 * POST /v1/api-keys with `scopes: []` made a key with every permission (a stored key without scopes may do
 * everything), so a caller who meant "none yet" got owner power. An explicitly empty list is now a field
 * error; leaving scopes out still makes a key with every permission, and keys already stored without scopes
 * keep working as they did.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, createApiKey, expectFieldErrors, jsonOf } from "./helpers/api";
import { tokenFor } from "./helpers/auth";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);
afterAll(() => stack?.close());

const keysOf = async (tenantId: string) => (await stack.db.query("SELECT name FROM api_keys WHERE tenant_id = $1", [tenantId])).rows.map((r) => r.name);

describe("API key scopes", () => {
  it("an empty list is refused at /body/scopes, and no key is made", async () => {
    const p = await seedTestProgram(stack);
    const owner = await tokenFor(stack, p.tenantId, "owner");
    const res = await callApi(stack, "POST", "/v1/api-keys", { key: owner, body: { name: "x", scopes: [] } });
    const body = await expectFieldErrors(res, ["/body/scopes"]);
    expect(body.errors).toEqual([{ pointer: "/body/scopes", detail: "name at least one scope, or leave scopes out for a key with every permission" }]);
    expect(await keysOf(p.tenantId)).not.toContain("x");
  });

  it("scopes left out still make a key with every permission", async () => {
    const p = await seedTestProgram(stack);
    const owner = await tokenFor(stack, p.tenantId, "owner");
    const created = await jsonOf(await callApi(stack, "POST", "/v1/api-keys", { key: owner, body: { name: "full" } }));
    expect(created.apiKey.scopes).toEqual([]);
    expect((await callApi(stack, "GET", "/v1/api-keys", { key: created.key })).status).toBe(200);
  });

  it("a key stored without scopes keeps every permission", async () => {
    const p = await seedTestProgram(stack);
    const { key } = await createApiKey(stack, p.tenantId, { scopes: [] });
    expect((await callApi(stack, "GET", "/v1/api-keys", { key })).status).toBe(200);
    expect((await callApi(stack, "GET", `/v1/links/${p.linkId}`, { key })).status).toBe(200);
  });
});
