/**
 * Hostnames are kept as the redirect Worker reads Host headers (core/link-record.ts `normalizeHost`):
 * lower-case, without the root's trailing dot. `Loja.Example.COM.` was refused for its dot; it is the same
 * host as loja.example.com. What is not a hostname at all is still refused, at `/body/hostname`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, expectFieldErrors, expectProblem, jsonOf, uniqueSuffix } from "./helpers/api";
import { tokenFor } from "./helpers/auth";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);
afterAll(() => stack?.close());

describe("POST /v1/domains hostnames", () => {
  it("stores and answers upper-case and root-dotted hostnames in the normal form", async () => {
    const p = await seedTestProgram(stack);
    const key = await tokenFor(stack, p.tenantId, "owner");
    const host = `loja-${uniqueSuffix()}.example.com`;
    const res = await callApi(stack, "POST", "/v1/domains", { key, body: { hostname: `${host.replace("loja", "Loja").replace(".com", ".COM")}.` } });
    expect(res.status).toBe(201);
    const added = await jsonOf(res);
    expect(added.hostname).toBe(host);
    expect(added.verification.url).toBe(`https://${host}/.well-known/indica-verification.txt`);
    const { rows } = await stack.db.query("SELECT hostname FROM domains WHERE id = $1", [added.id]);
    expect(rows).toEqual([{ hostname: host }]);
    const page = await jsonOf(await callApi(stack, "GET", "/v1/domains", { key }));
    expect(page.items.find((d: { id: string }) => d.id === added.id).hostname).toBe(host);
    // The same host in its normal form is the same domain.
    await expectProblem(await callApi(stack, "POST", "/v1/domains", { key, body: { hostname: host } }), 409, "conflict");
  });

  it("refuses what is not a hostname with a field error", async () => {
    const p = await seedTestProgram(stack);
    const key = await tokenFor(stack, p.tenantId, "owner");
    const host = `loja-${uniqueSuffix()}.example.com`;
    for (const hostname of [`https://${host}`, `${host}/path`, `${host}:8443`, ` ${host}`, `${host} `, `loja ${host}`, `${host}..`, ".", "", `${host}.`.toUpperCase().replace(".COM.", ".C0M."), 7]) {
      await expectFieldErrors(await callApi(stack, "POST", "/v1/domains", { key, body: { hostname } }), ["/body/hostname"]);
    }
    const { rows } = await stack.db.query("SELECT count(*)::int AS n FROM domains WHERE tenant_id = $1", [p.tenantId]);
    expect(rows[0].n).toBe(0);
  });
});
