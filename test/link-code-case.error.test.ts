/**
 * Codes that differ only in case are one link (core/link-code.ts normalizeLinkCode): creating the second is
 * the same 409 as an exact duplicate, alone or in bulk, and a change made through the API reaches the
 * redirect's entry whatever case the shopper types.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { BROWSER_UA, callApi, expectProblem, type ProblemBody, postLink, setCookies, uniqueLinkDomain, uniqueSuffix, waitForClicks } from "./helpers/api";
import { waitForCachedLink } from "./helpers/programs";
import { seedTestProgram, startTestStack, TEST_LINK_DOMAIN, type TestStack } from "./helpers/stack";

let stack: TestStack;
// Isolate memory caching off, so each click reads the KV entry the API rewrites.
beforeAll(async () => {
  stack = await startTestStack({ bindings: { "indica-redirect": { LINK_MEMORY_TTL_SECONDS: "0" } } });
});
afterAll(() => stack?.close());

const ids = (p: SeededProgram) => ({ campaignId: p.campaignId, affiliateId: p.affiliateId });
/** A problem without what names the request and the code asked for. */
const shape = ({ type, title, status, code, errors }: ProblemBody) => ({ type, title, status, code, pointers: errors?.map((e) => e.pointer) });
const linksNamed = async (code: string) =>
  (await stack.db.query("SELECT code FROM links WHERE lower(domain) = $1 AND lower(code) = lower($2)", [TEST_LINK_DOMAIN, code])).rows.map((r) => r.code);

describe("creating a code that differs only in case from an existing one", () => {
  it("is the same 409 problem as an exact duplicate, pointing at code, and creates nothing", async () => {
    const p = await seedTestProgram(stack);
    const code = `Ana-Verao-${uniqueSuffix()}`;
    expect((await postLink(stack, p.apiKey, { ...ids(p), code })).status).toBe(201);
    const exact = await expectProblem(await postLink(stack, p.apiKey, { ...ids(p), code }), 409, "conflict");
    expect(shape(exact).pointers).toEqual(["/body/code"]);
    for (const other of [code.toLowerCase(), code.toUpperCase(), p.code.toUpperCase()]) {
      const problem = await expectProblem(await postLink(stack, p.apiKey, { ...ids(p), code: other }), 409, "conflict");
      expect(shape(problem), other).toEqual(shape(exact));
      expect(problem.detail).toContain(other);
    }
    expect(await linksNamed(code)).toEqual([code]);
  });

  it("is free on another domain", async () => {
    const linkDomain = uniqueLinkDomain();
    const p = await seedTestProgram(stack, { ownDomain: true, linkDomain });
    const code = `Twice-${uniqueSuffix()}`;
    expect((await postLink(stack, p.apiKey, { ...ids(p), code })).status).toBe(201);
    expect((await postLink(stack, p.apiKey, { ...ids(p), code: code.toLowerCase(), domain: linkDomain })).status).toBe(201);
  });

  it("in a bulk request is a 409 naming the item, and none of the links is made; twice in one request is a 400", async () => {
    const p = await seedTestProgram(stack);
    const code = `Bulk-Case-${uniqueSuffix()}`;
    expect((await postLink(stack, p.apiKey, { ...ids(p), code })).status).toBe(201);
    const bulk = (links: unknown[]) => callApi(stack, "POST", "/v1/links/bulk", { key: p.apiKey, body: { links } });

    const fresh = `fresh-${uniqueSuffix()}`;
    const clash = await expectProblem(await bulk([{ ...ids(p), code: fresh }, { ...ids(p), code: code.toUpperCase() }]), 409, "conflict");
    expect(clash.errors!.map((e) => e.pointer)).toEqual(["/body/links/1/code"]);
    expect(await linksNamed(fresh)).toEqual([]);

    const twice = await expectProblem(await bulk([{ ...ids(p), code: fresh }, { ...ids(p), code: fresh.toUpperCase() }]), 400, "validation_failed");
    expect(twice.errors!.map((e) => e.pointer)).toEqual(["/body/links/1/code"]);
    expect(await linksNamed(fresh)).toEqual([]);
  });
});

describe("a link disabled through the API", () => {
  it("is not redirected as live under any case of its code: the API rewrites the entry the redirect reads", async () => {
    const p = await seedTestProgram(stack, { code: `sale-${uniqueSuffix()}` });
    const follow = (path: string) => stack.fetch("indica-redirect", `https://${TEST_LINK_DOMAIN}${path}`, { headers: { "user-agent": BROWSER_UA, accept: "text/html" } });

    // A click in upper case before: the redirect reads Postgres and caches the link as active.
    const live = await follow(`/${p.code.toUpperCase()}`);
    expect(new URL(live.headers.get("location")!).searchParams.get("indica_cid")).toMatch(/^clk_/);
    await waitForCachedLink(stack, p.code, (r) => r.linkStatus === "active", "the entry the redirect wrote");
    await waitForClicks(stack, p.tenantId, 1);

    const res = await callApi(stack, "PATCH", `/v1/links/${p.linkId}`, { key: p.apiKey, body: { status: "disabled" } });
    expect(res.status).toBe(200);
    await waitForCachedLink(stack, p.code.toUpperCase(), (r) => r.linkStatus === "disabled", "the entry the API rewrote");

    const mixed = p.code.charAt(0).toUpperCase() + p.code.slice(1);
    for (const path of [`/${mixed}`, `/${p.code.toUpperCase()}`, `/${p.code}`]) {
      const untracked = await follow(path);
      expect(untracked.status, path).toBe(302);
      expect(untracked.headers.get("location"), path).toBe(p.destinationUrl);
      expect(setCookies(untracked), path).toEqual([]);
    }
  });
});
