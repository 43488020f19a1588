/** Signing secrets refuse bad input, callers who may not manage credentials, and other merchants' ids. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, createApiKey, expectFieldErrors, expectProblem, jsonOf } from "./helpers/api";
import { tokenFor } from "./helpers/auth";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

const revokedAtOf = async (id: string) => (await stack.db.query("SELECT revoked_at FROM signing_secrets WHERE id = $1", [id])).rows[0].revoked_at;

describe("signing secrets, refused", () => {
  it("names each bad field", async () => {
    const p = await seedTestProgram(stack);
    const post = (body: unknown) => callApi(stack, "POST", "/v1/signing-secrets", { key: p.apiKey, body });
    await expectFieldErrors(await post({ scopes: ["links:read"] }), ["/body/scopes/0"]);
    await expectFieldErrors(await post({ scopes: [] }), ["/body/scopes"]);
    await expectFieldErrors(await post({ scopes: "conversions:write" }), ["/body/scopes"]);
    await expectProblem(await post("{not json"), 400, "bad_request");
    await expectFieldErrors(await callApi(stack, "DELETE", "/v1/signing-secrets/key_01JB8Z5Q3X0000000000000000", { key: p.apiKey }), ["/param/id"]);
    await expectFieldErrors(await callApi(stack, "GET", "/v1/signing-secrets?limit=0", { key: p.apiKey }), ["/query/limit"]);
  });

  it("needs credentials, and the permission to manage keys", async () => {
    const p = await seedTestProgram(stack);
    await expectProblem(await callApi(stack, "POST", "/v1/signing-secrets", { body: {} }), 401, "unauthorized");
    for (const role of ["analyst", "affiliate_manager"] as const) {
      const token = await tokenFor(stack, p.tenantId, role);
      await expectProblem(await callApi(stack, "POST", "/v1/signing-secrets", { key: token, body: {} }), 403, "forbidden");
      await expectProblem(await callApi(stack, "GET", "/v1/signing-secrets", { key: token }), 403, "forbidden");
      await expectProblem(await callApi(stack, "DELETE", `/v1/signing-secrets/${p.signing!.keyId}`, { key: token }), 403, "forbidden");
    }
    expect(await revokedAtOf(p.signing!.keyId)).toBeNull();
  });

  it("never grants a scope the caller lacks", async () => {
    const p = await seedTestProgram(stack);
    const keyMaker = await createApiKey(stack, p.tenantId, { scopes: ["api_keys:write", "links:write"] });
    const problem = await expectProblem(await callApi(stack, "POST", "/v1/signing-secrets", { key: keyMaker.key, body: {} }), 403, "forbidden");
    expect(problem.detail).toContain("conversions:write");
    const { rows } = await stack.db.query("SELECT count(*)::int AS n FROM signing_secrets WHERE tenant_id = $1", [p.tenantId]);
    expect(rows[0].n).toBe(1);
  });

  it("another merchant's secret is not found, and stays active", async () => {
    const a = await seedTestProgram(stack);
    const b = await seedTestProgram(stack);
    const owner = await tokenFor(stack, a.tenantId, "owner");
    await expectProblem(await callApi(stack, "DELETE", `/v1/signing-secrets/${b.signing!.keyId}`, { key: owner }), 404, "not_found");
    await expectProblem(await callApi(stack, "DELETE", "/v1/signing-secrets/sgs_01JB8Z5Q3X0000000000000000", { key: owner }), 404, "not_found");
    expect(await revokedAtOf(b.signing!.keyId)).toBeNull();
    const listed = await jsonOf(await callApi(stack, "GET", "/v1/signing-secrets?includeRevoked=true", { key: owner }));
    expect(listed.items.map((s: { id: string }) => s.id)).toEqual([a.signing!.keyId]);
  });
});
