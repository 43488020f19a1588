/**
 * The deep-link allow-list (outside tester, 2026-11-24): an affiliate pointed a link on the merchant's
 * domain at https://evil.example/phish and the redirect sent shoppers there. Destinations must now be on
 * a host the merchant owns; the merchant extends the list with destinationHosts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { BROWSER_UA, callApi, expectProblem, jsonOf, uniqueSuffix } from "./helpers/api";
import { tokenFor } from "./helpers/auth";
import { addAffiliate, type TestAffiliate } from "./helpers/program-activity";
import { seedTestProgram, startTestStack, TEST_LINK_DOMAIN, type TestStack } from "./helpers/stack";

let stack: TestStack;
let p: SeededProgram;
let anna: TestAffiliate;
let token: string;
beforeAll(async () => {
  stack = await startTestStack();
  p = await seedTestProgram(stack); // campaign destination https://loja.example/produtos?…
  anna = await addAffiliate(stack, p);
  token = await tokenFor(stack, p.tenantId, "affiliate", { affiliateId: anna.affiliateId });
});
afterAll(() => stack?.close());

const call = (key: string, method: string, path: string, body?: unknown) => callApi(stack, method, path, { key, body });
const linksOf = async (affiliateId: string) => (await stack.db.query("SELECT code, destination_url FROM links WHERE affiliate_id = $1 ORDER BY code", [affiliateId])).rows;

/** A 422 whose one field error, at `pointer`, names the allowed hosts and how to add one. */
async function expectRefused(res: Response, pointer: string) {
  const problem = await expectProblem(res, 422, "unprocessable");
  expect(problem.errors).toEqual([{ pointer, detail: expect.stringContaining("loja.example") }]);
  expect(problem.errors![0].detail).toContain("destinationHosts");
  return problem;
}

describe("an affiliate's deep link", () => {
  it("to another site is a 422 and stores nothing (the tester's request)", async () => {
    const before = await linksOf(anna.affiliateId);
    const code = `anna-ig-${uniqueSuffix()}`;
    await expectRefused(await call(token, "POST", "/v1/links", { campaignId: p.campaignId, code, destinationUrl: "https://evil.example/phish" }), "/body/destinationUrl");
    expect(await linksOf(anna.affiliateId)).toEqual(before);
    const res = await stack.fetch("indica-redirect", `https://${TEST_LINK_DOMAIN}/${code}`, { headers: { "user-agent": BROWSER_UA }, redirect: "manual" });
    expect(res.headers.get("location") ?? "").not.toContain("evil.example");
    await res.arrayBuffer();
  });

  it.each([
    "https://loja.example.evil.com/",
    "https://evil.com/?loja.example",
    "https://loja.example@evil.com/",
    "https://lоja.example/", // Cyrillic о
    "http://loja.example/", // the campaign is https
  ])("to %s is a 422", async (destinationUrl) => {
    const res = await call(token, "POST", "/v1/links", { campaignId: p.campaignId, destinationUrl });
    const problem = await expectProblem(res, 422, "unprocessable");
    expect(problem.errors?.map((e) => e.pointer)).toEqual(["/body/destinationUrl"]);
  });

  it("to the shop (www. and a trailing dot too) is created, and the redirect sends shoppers there with the click id", async () => {
    const res = await call(token, "POST", "/v1/links", { campaignId: p.campaignId, code: `anna-tenis-${uniqueSuffix()}`, destinationUrl: "https://WWW.Loja.example./p/tenis?cor=azul" });
    const link = await jsonOf(res);
    expect(res.status, JSON.stringify(link)).toBe(201);
    const followed = await stack.fetch("indica-redirect", link.url, { headers: { "user-agent": BROWSER_UA } });
    expect(followed.status).toBe(302);
    const location = new URL(followed.headers.get("location")!);
    expect(location.hostname).toBe("www.loja.example.");
    expect(location.pathname).toBe("/p/tenis");
    expect(location.searchParams.get("indica_cid")).toMatch(/^clk_[0-9A-Z]{26}$/);
  });

  it("cannot be changed to another site afterwards", async () => {
    const problem = await expectRefused(await call(token, "PATCH", `/v1/links/${anna.linkId}`, { destinationUrl: "https://evil.example/phish" }), "/body/destinationUrl");
    expect(problem.detail).toContain("evil.example");
    expect((await stack.db.query("SELECT destination_url FROM links WHERE id = $1", [anna.linkId])).rows[0].destination_url).toBe("https://loja.example/");
    expect((await call(token, "PATCH", `/v1/links/${anna.linkId}`, { destinationUrl: "https://loja.example/p/bolsa" })).status).toBe(200);
  });
});

describe("the merchant", () => {
  it("is held to the same list, in bulk too: nothing of the batch is stored", async () => {
    const before = await linksOf(p.affiliateId);
    const links = [
      { campaignId: p.campaignId, affiliateId: p.affiliateId, destinationUrl: "https://loja.example/a" },
      { campaignId: p.campaignId, affiliateId: p.affiliateId, destinationUrl: "https://evil.example/b" },
    ];
    await expectRefused(await call(p.apiKey, "POST", "/v1/links/bulk", { links }), "/body/links/1/destinationUrl");
    expect(await linksOf(p.affiliateId)).toEqual(before);
  });

  it("adds a host, which the affiliate's link may then use; affiliates cannot add one", async () => {
    const marketplace = `loja-${uniqueSuffix().toLowerCase()}.marketplace.example`;
    await expectProblem(await call(token, "PATCH", "/v1/tenant", { destinationHosts: [marketplace] }), 403, "forbidden");
    const before = await jsonOf(await call(token, "GET", "/v1/links/destination-hosts"));
    expect(before.hosts).toContain("loja.example");
    expect(before.hosts).not.toContain(marketplace);

    const tenant = await call(p.apiKey, "PATCH", "/v1/tenant", { destinationHosts: [`${marketplace.toUpperCase()}.`] });
    expect((await jsonOf(tenant)).destinationHosts).toEqual([marketplace]);
    expect((await jsonOf(await call(token, "GET", "/v1/links/destination-hosts"))).hosts).toContain(marketplace);
    const res = await call(token, "POST", "/v1/links", { campaignId: p.campaignId, destinationUrl: `https://${marketplace}/loja` });
    expect(res.status, JSON.stringify(await jsonOf(res))).toBe(201);
  });

  it("cannot add something that is not a host", async () => {
    for (const bad of ["https://evil.example/", "evil.example/path", "loja.example@evil.com", "*.example", "localhost"]) {
      const problem = await expectProblem(await call(p.apiKey, "PATCH", "/v1/tenant", { destinationHosts: [bad] }), 400, "validation_failed");
      expect(problem.errors?.map((e) => e.pointer), bad).toEqual(["/body/destinationHosts/0"]);
    }
  });
});
