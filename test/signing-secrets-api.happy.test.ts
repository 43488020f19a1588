/**
 * Signing secrets made through the API work on the ingest Worker: a merchant's server signs a real
 * conversion with Node's own crypto, and a revoked secret stops working.
 */
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIGNING_SECRET_PATTERN } from "../core/signing-secret";
import { callApi, jsonOf } from "./helpers/api";
import { tokenFor } from "./helpers/auth";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { conversionOf, orderId, serverPost } from "./helpers/tracking";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

/** A conversion signed the way docs/api.md tells merchants to: HMAC-SHA256 of "<t>.<raw body>". */
function postSigned(keyId: string, secret: string, order: string) {
  const body = JSON.stringify({ orderId: order, amount: 12_990, currency: "BRL", status: "paid" });
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
  return serverPost(stack, "/v1/conversions", null, body, { "indica-key-id": keyId, "indica-signature": `t=${t},v1=${v1}` });
}

describe("signing secrets", () => {
  it("shows a secret once, and a conversion signed with it is accepted and stored", async () => {
    const p = await seedTestProgram(stack);
    const owner = await tokenFor(stack, p.tenantId, "owner");
    const res = await callApi(stack, "POST", "/v1/signing-secrets", { key: owner, body: {} });
    const created = await jsonOf(res);
    expect(res.status, JSON.stringify(created)).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(created).toMatchObject({ id: expect.stringMatching(/^sgs_/), scopes: ["conversions:write"], revokedAt: null });
    expect(created.secret).toMatch(SIGNING_SECRET_PATTERN);
    const { rows } = await stack.db.query("SELECT sealed_secret FROM signing_secrets WHERE id = $1", [created.id]);
    expect(rows[0].sealed_secret).not.toContain(created.secret.slice(6));

    const order = orderId();
    const sent = await postSigned(created.id, created.secret, order);
    expect(sent.status, await sent.text()).toBe(202);
    expect(await waitFor(() => conversionOf(stack, p.tenantId, order), 20_000, "the signed conversion")).toMatchObject({ amount: "12990" });

    const listed = await callApi(stack, "GET", "/v1/signing-secrets", { key: owner });
    const text = await listed.text();
    expect(listed.status).toBe(200);
    expect(text).not.toContain(created.secret);
    expect(text).not.toContain("sealed");
    const ids = JSON.parse(text).items.map((s: { id: string }) => s.id);
    expect(ids).toEqual(expect.arrayContaining([created.id, p.signing!.keyId]));
  });

  it("a revoked secret is refused, revoking again changes nothing, and listings hide it unless asked", async () => {
    const p = await seedTestProgram(stack);
    const owner = await tokenFor(stack, p.tenantId, "owner");
    // Never used before revoking: the ingest Worker has not cached it (a used one is refused within 30 s).
    const created = await jsonOf(await callApi(stack, "POST", "/v1/signing-secrets", { key: owner, body: { scopes: ["conversions:write"] } }));
    const revoked = await jsonOf(await callApi(stack, "DELETE", `/v1/signing-secrets/${created.id}`, { key: owner }));
    expect(revoked).toMatchObject({ id: created.id, revokedAt: expect.any(String) });
    expect(revoked).not.toHaveProperty("secret");
    const again = await callApi(stack, "DELETE", `/v1/signing-secrets/${created.id}`, { key: owner });
    expect(again.status).toBe(200);
    expect((await jsonOf(again)).revokedAt).toBe(revoked.revokedAt);

    const refused = await postSigned(created.id, created.secret, orderId());
    expect(refused.status).toBe(401);
    expect((await jsonOf(refused)).detail).toMatch(/unknown or revoked/);

    const active = await jsonOf(await callApi(stack, "GET", "/v1/signing-secrets", { key: owner }));
    expect(active.items.map((s: { id: string }) => s.id)).not.toContain(created.id);
    const all = await jsonOf(await callApi(stack, "GET", "/v1/signing-secrets?includeRevoked=true&limit=1", { key: owner }));
    expect(all.items).toHaveLength(1);
    const second = await jsonOf(await callApi(stack, "GET", `/v1/signing-secrets?includeRevoked=true&limit=1&cursor=${all.nextCursor}`, { key: owner }));
    expect([...all.items, ...second.items].map((s: { id: string }) => s.id)).toEqual([p.signing!.keyId, created.id].sort());
  });

  it("an API key holding api_keys:write and conversions:write may create one", async () => {
    const p = await seedTestProgram(stack);
    const owner = await tokenFor(stack, p.tenantId, "owner");
    const maker = await jsonOf(await callApi(stack, "POST", "/v1/api-keys", { key: owner, body: { name: "deploy bot", scopes: ["api_keys:write", "conversions:write"] } }));
    const res = await callApi(stack, "POST", "/v1/signing-secrets", { key: maker.key });
    expect(res.status).toBe(201);
  });

  it("replays a retried create with the same secret, which the idempotency store keeps sealed", async () => {
    const p = await seedTestProgram(stack);
    const headers = { "idempotency-key": `sgs-${Date.now()}` };
    const first = await jsonOf(await callApi(stack, "POST", "/v1/signing-secrets", { key: p.apiKey, body: {}, headers }));
    const retry = await callApi(stack, "POST", "/v1/signing-secrets", { key: p.apiKey, body: {}, headers });
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await jsonOf(retry)).toEqual(first);
    const { rows } = await stack.db.query("SELECT response_body FROM idempotency_keys WHERE tenant_id = $1", [p.tenantId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].response_body).not.toContain(first.secret.slice(6));
    const made = await stack.db.query("SELECT count(*)::int AS n FROM signing_secrets WHERE tenant_id = $1", [p.tenantId]);
    expect(made.rows[0].n).toBe(2); // the seeded one and one new one
  });
});
