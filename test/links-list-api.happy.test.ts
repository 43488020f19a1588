/** GET /v1/links, PATCH /v1/links/{id} and POST /v1/links/bulk on the happy path, as merchants and as affiliates. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkCacheKey } from "../core/link-record";
import { callApi, jsonOf, postLink, uniqueSuffix } from "./helpers/api";
import { tokenFor } from "./helpers/auth";
import { addAffiliate } from "./helpers/program-activity";
import { seedTestProgram, startTestStack, TEST_LINK_DOMAIN, waitFor, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

const list = async (key: string, query = "") => {
  const res = await callApi(stack, "GET", `/v1/links${query}`, { key });
  expect(res.status).toBe(200);
  return jsonOf(res);
};

describe("GET /v1/links", () => {
  it("filters by campaign, affiliate and status and pages with the cursor, oldest first", async () => {
    const p = await seedTestProgram(stack);
    const bruno = await addAffiliate(stack, p);
    const made = [];
    for (let i = 0; i < 3; i++) made.push((await jsonOf(await postLink(stack, p.apiKey, { campaignId: p.campaignId, affiliateId: bruno.affiliateId }))).id);
    await stack.db.query("UPDATE links SET status = 'disabled' WHERE id = $1", [made[2]]);

    const all = await list(p.apiKey);
    expect(all.items.map((l: { id: string }) => l.id)).toEqual([p.linkId, bruno.linkId, ...made]);
    expect(all.nextCursor).toBeNull();
    const first = await list(p.apiKey, `?affiliateId=${bruno.affiliateId}&campaignId=${p.campaignId}&limit=2`);
    expect(first.items.map((l: { id: string }) => l.id)).toEqual([bruno.linkId, made[0]]);
    const second = await list(p.apiKey, `?affiliateId=${bruno.affiliateId}&limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((l: { id: string }) => l.id)).toEqual([made[1], made[2]]);
    expect((await list(p.apiKey, "?status=disabled")).items.map((l: { id: string }) => l.id)).toEqual([made[2]]);
    expect(second.items[1]).toMatchObject({ status: "disabled", url: expect.stringContaining(TEST_LINK_DOMAIN) });
  });
});

describe("PATCH /v1/links/{id}", () => {
  it("changes destination, status and sub-ids and rewrites the redirect's cache", async () => {
    const p = await seedTestProgram(stack);
    const kv = await stack.mf.getKVNamespace("EDGE_CACHE", "indica-api");
    const change = { destinationUrl: "https://loja.example/nova?x=1", status: "disabled", subIds: { sub2: "stories" } };
    const res = await callApi(stack, "PATCH", `/v1/links/${p.linkId}`, { key: p.apiKey, body: change });
    expect(res.status).toBe(200);
    expect(await jsonOf(res)).toMatchObject({ id: p.linkId, ...change });
    const cached = await waitFor(async () => {
      const record = (await kv.get(linkCacheKey(TEST_LINK_DOMAIN, p.code), "json")) as { destinationUrl: string; linkStatus: string } | null;
      return record?.linkStatus === "disabled" && record;
    }, 10_000, "the cache entry");
    expect(cached).toMatchObject({ destinationUrl: change.destinationUrl, subIds: change.subIds });

    const again = await callApi(stack, "PATCH", `/v1/links/${p.linkId}`, { key: p.apiKey, body: { status: "active" } });
    expect(await jsonOf(again)).toMatchObject({ status: "active", destinationUrl: change.destinationUrl, subIds: change.subIds });
  });
});

describe("POST /v1/links/bulk", () => {
  it("creates every link in the order asked for, or none when one cannot be made", async () => {
    const p = await seedTestProgram(stack);
    const code = `bulk-${uniqueSuffix()}`;
    const items = [
      { campaignId: p.campaignId, affiliateId: p.affiliateId, code },
      ...Array.from({ length: 49 }, (_, i) => ({ campaignId: p.campaignId, affiliateId: p.affiliateId, subIds: { sub1: `post-${i}` } })),
    ];
    const res = await callApi(stack, "POST", "/v1/links/bulk", { key: p.apiKey, body: { links: items } });
    const body = await jsonOf(res);
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.items).toHaveLength(50);
    expect(body.items[0]).toMatchObject({ code, url: `https://${TEST_LINK_DOMAIN}/${code}` });
    expect(body.items.slice(1).map((l: { subIds: { sub1: string } }) => l.subIds.sub1)).toEqual(items.slice(1).map((_, i) => `post-${i}`));

    const retry = await callApi(stack, "POST", "/v1/links/bulk", { key: p.apiKey, body: { links: [{ campaignId: p.campaignId, affiliateId: p.affiliateId }, items[0]] } });
    expect(retry.status).toBe(409);
    expect((await jsonOf(retry)).errors).toEqual([{ pointer: "/body/links/1/code", detail: expect.stringContaining(code) }]);
    const { rows } = await stack.db.query("SELECT count(*)::int AS n FROM links WHERE tenant_id = $1", [p.tenantId]);
    expect(rows[0].n).toBe(51); // the seeded link and the first batch; nothing of the refused one
  });
});

describe("affiliate users", () => {
  it("create links for themselves without naming the affiliate, and list only their own", async () => {
    const p = await seedTestProgram(stack);
    const bruno = await addAffiliate(stack, p);
    const token = await tokenFor(stack, p.tenantId, "affiliate", { affiliateId: bruno.affiliateId });
    const res = await postLink(stack, token, { campaignId: p.campaignId, subIds: { sub1: "tiktok" } });
    const link = await jsonOf(res);
    expect(res.status, JSON.stringify(link)).toBe(201);
    expect(link).toMatchObject({ affiliateId: bruno.affiliateId, campaignId: p.campaignId });
    const bulk = await callApi(stack, "POST", "/v1/links/bulk", { key: token, body: { links: [{ campaignId: p.campaignId, affiliateId: bruno.affiliateId }] } });
    expect(bulk.status).toBe(201);
    const mine = await list(token);
    expect(mine.items.map((l: { id: string }) => l.id)).toEqual([bruno.linkId, link.id, (await jsonOf(bulk)).items[0].id]);
    expect((await list(token, `?affiliateId=${p.affiliateId}`)).items).toEqual([]);
  });
});
