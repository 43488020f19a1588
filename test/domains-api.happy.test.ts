/** Domains: add, prove control over HTTP, list, remove; a hostname belongs to one account. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, expectFieldErrors, expectProblem, jsonOf, uniqueLinkDomain } from "./helpers/api";
import { tokenFor } from "./helpers/auth";
import { startFakeServer, type FakeServer } from "./helpers/fake-server";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
let site: FakeServer;
/** What the merchant's site serves at /.well-known/indica-verification.txt. */
let served = "";

beforeAll(async () => {
  site = await startFakeServer((req) => (req.path === "/.well-known/indica-verification.txt" && served ? { status: 200, text: served } : { status: 404, text: "not found" }));
  stack = await startTestStack({ bindings: { "indica-api": { WEBHOOK_ALLOW_LOOPBACK_HTTP: "true", DOMAIN_VERIFICATION_DEV_ORIGIN: site.url } } });
});
afterAll(async () => {
  await stack?.close();
  await site?.close();
});

describe("domains", () => {
  it("adds a domain, verifies it once the file holds the token, lists and removes it", async () => {
    const p = await seedTestProgram(stack);
    const admin = await tokenFor(stack, p.tenantId, "admin");
    const hostname = uniqueLinkDomain();
    const added = await jsonOf(await callApi(stack, "POST", "/v1/domains", { key: admin, body: { hostname: hostname.toUpperCase() } }));
    expect(added).toMatchObject({ hostname, isLinkDomain: true, verifiedAt: null });
    expect(added.verification.token).toMatch(/^indica-verification=[0-9a-f]{32}$/);
    expect(added.verification.url).toBe(`${site.url}/.well-known/indica-verification.txt`);

    served = "";
    const missing = await expectProblem(await callApi(stack, "POST", `/v1/domains/${added.id}/verify`, { key: admin }), 422, "unprocessable");
    expect(missing.detail).toContain("HTTP 404");
    served = "indica-verification=someone-elses\n";
    await expectProblem(await callApi(stack, "POST", `/v1/domains/${added.id}/verify`, { key: admin }), 422, "unprocessable");
    served = `# Indica\n${added.verification.token}\n`;
    const verified = await jsonOf(await callApi(stack, "POST", `/v1/domains/${added.id}/verify`, { key: admin }));
    expect(verified.verifiedAt).not.toBeNull();

    const page = await jsonOf(await callApi(stack, "GET", "/v1/domains?limit=1", { key: admin }));
    expect(page.items.map((d: { id: string }) => d.id)).toContain(added.id);
    expect((await callApi(stack, "DELETE", `/v1/domains/${added.id}`, { key: admin })).status).toBe(200);
    await expectProblem(await callApi(stack, "DELETE", `/v1/domains/${added.id}`, { key: admin }), 404, "not_found");
  });

  it("refuses a taken hostname without saying whose, and bad input with field errors", async () => {
    const a = await seedTestProgram(stack);
    const b = await seedTestProgram(stack);
    const hostname = uniqueLinkDomain();
    const tokenA = await tokenFor(stack, a.tenantId, "owner");
    const tokenB = await tokenFor(stack, b.tenantId, "owner");
    expect((await callApi(stack, "POST", "/v1/domains", { key: tokenA, body: { hostname } })).status).toBe(201);
    const taken = await expectProblem(await callApi(stack, "POST", "/v1/domains", { key: tokenB, body: { hostname: hostname.toUpperCase() } }), 409, "conflict");
    expect(taken.errors?.[0].pointer).toBe("/body/hostname");
    expect(JSON.stringify(taken)).not.toContain(a.tenantId);
    await expectFieldErrors(await callApi(stack, "POST", "/v1/domains", { key: tokenB, body: { hostname: "not a host", isLinkDomain: "yes" } }), ["/body/hostname", "/body/isLinkDomain"]);
    const analyst = await tokenFor(stack, b.tenantId, "analyst");
    await expectProblem(await callApi(stack, "POST", "/v1/domains", { key: analyst, body: { hostname: uniqueLinkDomain() } }), 403, "forbidden");
  });
});
