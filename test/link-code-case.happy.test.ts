/**
 * Link codes match whatever their case (core/link-code.ts normalizeLinkCode): a shopper retyping
 * `/ANA-Verao` from a flyer reaches the link `ana-verao`, through Postgres (cold), the KV entry the redirect
 * or the API wrote, and isolate memory, and each click is stored once against that link.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSER_UA, callApi, jsonOf, postLink, setCookies, uniqueSuffix, waitForClicks } from "./helpers/api";
import { cachedLinkRecord, waitForCachedLink } from "./helpers/programs";
import { seedTestProgram, startTestStack, TEST_LINK_DOMAIN, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

/** A tracked click on `path`: its click id. */
async function trackedClick(path: string): Promise<string> {
  const res = await stack.fetch("indica-redirect", `https://${TEST_LINK_DOMAIN}${path}`, { headers: { "user-agent": BROWSER_UA, accept: "text/html" } });
  expect(res.status, path).toBe(302);
  const clickId = new URL(res.headers.get("location")!).searchParams.get("indica_cid");
  expect(clickId, path).toMatch(/^clk_/);
  expect(setCookies(res), path).toHaveLength(2);
  return clickId!;
}

/** The KV keys holding an entry for this code in any case: there must be one per link. */
async function linkKeysOf(code: string): Promise<string[]> {
  const kv = await stack.mf.getKVNamespace("EDGE_CACHE", "indica-api");
  const { keys } = await kv.list({ prefix: `link:${TEST_LINK_DOMAIN}/` });
  return keys.map((k) => k.name).filter((name) => name.toLowerCase() === `link:${TEST_LINK_DOMAIN}/${code.toLowerCase()}`);
}

describe("a link code typed in another case", () => {
  it("reaches the link with the cache cold, then warm, and each click is stored once against it", async () => {
    const code = `ana-verao-${uniqueSuffix()}`;
    const p = await seedTestProgram(stack, { code });
    expect(await cachedLinkRecord(stack, code), "seeded straight into Postgres: nothing cached").toBeNull();

    const upper = code.toUpperCase();
    const clickIds = [await trackedClick(`/${"ANA-Verao" + code.slice("ana-verao".length)}`)]; // cold: Postgres
    await waitForCachedLink(stack, code, (r) => r.linkId === p.linkId, "the entry the redirect wrote on its miss");
    clickIds.push(await trackedClick(`/${upper}`)); // warm: memory, or KV in another isolate
    clickIds.push(await trackedClick(`/${code}`));
    clickIds.push(await trackedClick(`/%41${upper.slice(1)}/`)); // through the router, which decodes the path

    const rows = await waitForClicks(stack, p.tenantId, clickIds.length);
    expect(rows.map((r) => r.id).sort()).toEqual([...clickIds].sort());
    expect(new Set(rows.map((r) => r.link_id))).toEqual(new Set([p.linkId]));
    expect(await linkKeysOf(code)).toEqual([`link:${TEST_LINK_DOMAIN}/${code}`]);
  });

  it("keeps the code as the merchant typed it and opens it from the entry the API wrote, in any case", async () => {
    const p = await seedTestProgram(stack);
    const code = `Verao-Promo-${uniqueSuffix()}`;
    const res = await postLink(stack, p.apiKey, { campaignId: p.campaignId, affiliateId: p.affiliateId, code });
    const link = await jsonOf(res);
    expect(res.status, JSON.stringify(link)).toBe(201);
    expect(link).toMatchObject({ code, url: `https://${TEST_LINK_DOMAIN}/${code}` });
    expect(await jsonOf(await callApi(stack, "GET", `/v1/links/${link.id}`, { key: p.apiKey }))).toMatchObject({ code, url: link.url });
    expect((await stack.db.query("SELECT code FROM links WHERE id = $1", [link.id])).rows).toEqual([{ code }]);

    await waitForCachedLink(stack, code, (r) => r.linkId === link.id, "the entry the API wrote");
    expect(await linkKeysOf(code)).toEqual([`link:${TEST_LINK_DOMAIN}/${code.toLowerCase()}`]);
    const clickIds = [await trackedClick(`/${code.toUpperCase()}`), await trackedClick(`/${code.toLowerCase()}`), await trackedClick(`/${code}`)];
    const rows = await waitForClicks(stack, p.tenantId, clickIds.length);
    expect(rows.map((r) => r.id).sort()).toEqual([...clickIds].sort());
    expect(new Set(rows.map((r) => r.link_id))).toEqual(new Set([link.id]));
  });
});
