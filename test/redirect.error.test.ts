/**
 * The redirect Worker on everything that is not a clean, trackable click: it answers sensibly (never a
 * 5xx), sets no cookie, and counts nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSER_UA, expectNoClicksFor, setCookies, uniqueLinkDomain, uniqueSuffix } from "./helpers/api";
import { waitForCachedLink } from "./helpers/programs";
import { seedTestProgram, startTestStack, TEST_LINK_DOMAIN, type TestStack } from "./helpers/stack";
import { linkCacheKey } from "../core/link-record";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

const follow = (host: string, path: string, init: RequestInit = {}) =>
  stack.fetch("indica-redirect", `https://${host}${path}`, { ...init, headers: { "user-agent": BROWSER_UA, ...init.headers } });

/** An untracked redirect: straight to the destination, no click id, no cookie, not cacheable. */
async function expectUntrackedRedirect(res: Response, destination: string) {
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toBe(destination);
  expect(new URL(res.headers.get("location")!).searchParams.has("indica_cid")).toBe(false);
  expect(setCookies(res)).toEqual([]);
  expect(res.headers.get("cache-control")).toContain("no-store");
  await res.arrayBuffer();
}

describe("unknown codes", () => {
  it("answer 404 with an HTML page and no cookie on the shared domain", async () => {
    const res = await follow(TEST_LINK_DOMAIN, `/nope-${uniqueSuffix()}`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(setCookies(res)).toEqual([]);
    const html = await res.text();
    expect(html).toContain("Link not found");
    expect(html).toContain('name="robots" content="noindex"');
  });

  it("answer HEAD with a bodiless 404", async () => {
    const res = await follow(TEST_LINK_DOMAIN, `/nope-${uniqueSuffix()}`, { method: "HEAD" });
    expect(res.status).toBe(404);
    expect(setCookies(res)).toEqual([]);
    expect(await res.text()).toBe("");
  });

  it("send shoppers to the merchant's fallback URL on the merchant's own domain", async () => {
    const linkDomain = uniqueLinkDomain();
    const fallbackUrl = "https://loja.example/?from=broken-link";
    await seedTestProgram(stack, { ownDomain: true, linkDomain, fallbackUrl });
    const res = await follow(linkDomain, `/nope-${uniqueSuffix()}`);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(fallbackUrl);
    expect(setCookies(res)).toEqual([]);
  });

  it("answer 404 on a merchant's own domain without a fallback URL", async () => {
    const linkDomain = uniqueLinkDomain();
    await seedTestProgram(stack, { ownDomain: true, linkDomain, fallbackUrl: null });
    const res = await follow(linkDomain, `/nope-${uniqueSuffix()}`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(setCookies(res)).toEqual([]);
  });

  it("answer 404 on a hostname nobody registered", async () => {
    const res = await follow(uniqueLinkDomain(), `/nope-${uniqueSuffix()}`);
    expect(res.status).toBe(404);
    expect(setCookies(res)).toEqual([]);
  });

  it("do not borrow another domain's link with the same code", async () => {
    const p = await seedTestProgram(stack);
    const res = await follow(uniqueLinkDomain(), `/${p.code}`);
    expect(res.status).toBe(404);
    expect(setCookies(res)).toEqual([]);
  });
});

describe("a cached link the runtime cannot answer", () => {
  it("gets a 503 to retry, whether read from KV (async) or from isolate memory (sync), never a 500", async () => {
    const p = await seedTestProgram(stack);
    await (await follow(TEST_LINK_DOMAIN, `/${p.code}`, { redirect: "manual" })).arrayBuffer(); // the edge caches the record it read
    const record = await waitForCachedLink(stack, p.code, () => true, "the seeded link's cached record");
    // A cookie domain with a line break: the runtime refuses it as a header value (no header injection).
    const code = `broken-${uniqueSuffix()}`;
    const kv = await stack.mf.getKVNamespace("EDGE_CACHE", "indica-api");
    await kv.put(linkCacheKey(TEST_LINK_DOMAIN, code), JSON.stringify({ ...record, cookieDomain: "loja.example\r\nx-injected: 1" }));
    for (const path of ["from KV", "from isolate memory"]) {
      const res = await follow(TEST_LINK_DOMAIN, `/${code}`);
      expect(res.status, path).toBe(503);
      expect(res.headers.get("retry-after"), path).toBe("5");
      expect(res.headers.get("x-injected"), path).toBeNull();
      await res.arrayBuffer();
    }
  });
});

describe("malformed codes", () => {
  const paths = [
    "/%00",
    `/${"a".repeat(65)}`,
    `/${"x".repeat(5000)}`,
    "/bad%20code!",
    "/..",
    "/-leading-dash",
    "/a%2Fb",
    "/a%3Bb",
    "/%E0%A4%A",
    "/%",
    "/a%C3%A7%C3%A3o",
    "/health",
    "/V1",
    "/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  ];

  it.each(paths)("%s gets 400 or 404, never a 5xx and never a cookie", async (path) => {
    for (const method of ["GET", "HEAD"]) {
      const res = await follow(TEST_LINK_DOMAIN, path, { method });
      expect([400, 404], `${method} ${path}`).toContain(res.status);
      expect(setCookies(res)).toEqual([]);
      expect(res.headers.get("location")).toBeNull();
      const body = await res.text();
      expect(body).not.toContain("<script>");
    }
  });

  it("gets the 'Invalid link' page for a code that is too long", async () => {
    const res = await follow(TEST_LINK_DOMAIN, `/${"a".repeat(65)}`);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toContain("Invalid link");
  });
});

describe("requests that are not clicks", () => {
  it("HEAD redirects to the bare destination and records nothing", async () => {
    const p = await seedTestProgram(stack);
    await expectUntrackedRedirect(await follow(TEST_LINK_DOMAIN, `/${p.code}`, { method: "HEAD" }), p.destinationUrl);
    await expectNoClicksFor(stack, [p.tenantId]);
  });

  // Copied from the crawler list in /work/shared/data/user-agents/crawlers.yml.
  const crawlers = [
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Googlebot/2.1; +http://www.google.com/bot.html) Chrome/84.0.4147.108 Safari/537.36",
    "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/80.0.3987.92 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "curl/7.64.1",
    "python-requests/2.21.0",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "Twitterbot/1.0",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
  ];

  it("crawlers reach the destination untracked and nothing is recorded", async () => {
    const p = await seedTestProgram(stack);
    for (const ua of crawlers) {
      await expectUntrackedRedirect(await follow(TEST_LINK_DOMAIN, `/${p.code}`, { headers: { "user-agent": ua } }), p.destinationUrl);
    }
    await expectNoClicksFor(stack, [p.tenantId]);
  });

  // The status changes before the link's first request: the redirect caches link records for a while.
  it.each([
    ["a paused campaign", "UPDATE campaigns SET status = 'paused' WHERE id = $1", "campaignId"],
    ["an archived campaign", "UPDATE campaigns SET status = 'archived' WHERE id = $1", "campaignId"],
    ["a disabled link", "UPDATE links SET status = 'disabled' WHERE id = $1", "linkId"],
    ["a suspended affiliate", "UPDATE affiliates SET status = 'suspended' WHERE id = $1", "affiliateId"],
  ] as const)("%s redirects untracked and records nothing", async (_, sql, idField) => {
    const p = await seedTestProgram(stack);
    await stack.db.query(sql, [p[idField]]);
    await expectUntrackedRedirect(await follow(TEST_LINK_DOMAIN, `/${p.code}?sub1=x&gclid=y`), p.destinationUrl);
    await expectNoClicksFor(stack, [p.tenantId]);
  });
});

describe("methods and edge paths", () => {
  it.each(["POST", "PUT", "PATCH", "DELETE", "OPTIONS"])("%s on a link path is 405, not 5xx, and records nothing", async (method) => {
    const p = await seedTestProgram(stack);
    const res = await follow(TEST_LINK_DOMAIN, `/${p.code}`, { method, body: method === "OPTIONS" ? undefined : "x=1" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
    expect(setCookies(res)).toEqual([]);
    expect(res.headers.get("location")).toBeNull();
    // A problem as the API and tracking hosts answer one, for the integration that sent it.
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 405, code: "method_not_allowed", instance: `/${p.code}`, detail: `${method} is not allowed here; links answer GET, HEAD.` });
  });

  it("POST on / is 405, not 5xx", async () => {
    const res = await follow(TEST_LINK_DOMAIN, "/", { method: "POST", body: "{}" });
    expect(res.status).toBe(405);
    await res.arrayBuffer();
  });

  it.each([TEST_LINK_DOMAIN, "go.unregistered-merchant.test"])("robots.txt on %s disallows everything", async (host) => {
    const res = await follow(host, "/robots.txt");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const lines = (await res.text()).split("\n").map((l) => l.trim());
    expect(lines).toContain("User-agent: *");
    expect(lines).toContain("Disallow: /");
  });

  it("/ answers 404 for GET and HEAD", async () => {
    const get = await follow(TEST_LINK_DOMAIN, "/");
    expect(get.status).toBe(404);
    expect(get.headers.get("content-type")).toMatch(/^text\/html/);
    await get.arrayBuffer();
    const head = await follow(TEST_LINK_DOMAIN, "/", { method: "HEAD" });
    expect(head.status).toBe(404);
  });

  it("a path with more than one segment is a 404, not a 5xx", async () => {
    const res = await follow(TEST_LINK_DOMAIN, "/a/b/c");
    expect(res.status).toBe(404);
    expect(setCookies(res)).toEqual([]);
    await res.arrayBuffer();
  });
});
