/**
 * POST /v1/links and GET /v1/links/{id} on the happy path, and the link then working on the redirect
 * Worker straight away.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkSchema } from "../workers/api/src/routes/v1/links/schema";
import { API_ORIGIN, BROWSER_UA, callApi, getLinkById, jsonOf, postLink, setCookies, uniqueLinkDomain, uniqueSuffix, waitForClicks } from "./helpers/api";
import { seedTestProgram, startTestStack, TEST_LINK_DOMAIN, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

/** Parses a link response and checks it against the published Link schema, with no extra fields. */
async function linkBody(res: Response, status: number) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  const body = JSON.parse(text);
  expect(linkSchema.safeParse(body).error).toBeUndefined();
  expect(Object.keys(body).sort()).toEqual(Object.keys(linkSchema.shape).sort());
  expect(body.id).toMatch(/^lnk_[0-9A-Z]{26}$/);
  expect(Number.isNaN(Date.parse(body.createdAt))).toBe(false);
  return body as ReturnType<typeof linkSchema.parse>;
}

const follow = (url: string, init: RequestInit = {}) =>
  stack.fetch("indica-redirect", url, { ...init, headers: { "user-agent": BROWSER_UA, ...init.headers } });

describe("POST /v1/links", () => {
  it("creates a link with a random code and the campaign's destination", async () => {
    const p = await seedTestProgram(stack, { destinationUrl: "https://loja.example/colecao?utm_source=indica" });
    const res = await postLink(stack, p.apiKey, { campaignId: p.campaignId, affiliateId: p.affiliateId });
    const link = await linkBody(res, 201);

    expect(link.code).toMatch(/^[a-km-z2-9]{7}$/); // lower case: codes match whatever their case
    expect(link).toMatchObject({
      url: `https://${TEST_LINK_DOMAIN}/${link.code}`,
      domain: TEST_LINK_DOMAIN,
      destinationUrl: "https://loja.example/colecao?utm_source=indica",
      campaignId: p.campaignId,
      affiliateId: p.affiliateId,
      subIds: {},
      status: "active",
    });
    expect(res.headers.get("location")).toBe(`/v1/links/${link.id}`);
    expect(res.headers.get("x-request-id")).toMatch(/\S{8,}/);

    const { rows } = await stack.db.query("SELECT tenant_id, domain, code FROM links WHERE id = $1", [link.id]);
    expect(rows).toEqual([{ tenant_id: p.tenantId, domain: TEST_LINK_DOMAIN, code: link.code }]);
  });

  it("draws a different random code each time", async () => {
    const p = await seedTestProgram(stack);
    const codes = new Set<string>();
    for (let i = 0; i < 5; i++) {
      codes.add((await linkBody(await postLink(stack, p.apiKey, { campaignId: p.campaignId, affiliateId: p.affiliateId }), 201)).code);
    }
    expect(codes.size).toBe(5);
  });

  it("creates a link with a chosen code, sub-ids and destination", async () => {
    const p = await seedTestProgram(stack);
    const code = `Maria_tenis-${uniqueSuffix()}`;
    const destinationUrl = "https://loja.example/p/tenis-azul?utm_campaign=verao#avaliacoes";
    const res = await postLink(stack, p.apiKey, {
      campaignId: p.campaignId,
      affiliateId: p.affiliateId,
      code,
      destinationUrl,
      subIds: { sub1: "instagram", sub2: "bio" },
    });
    const link = await linkBody(res, 201);
    expect(link).toMatchObject({
      url: `https://${TEST_LINK_DOMAIN}/${code}`,
      code,
      destinationUrl,
      subIds: { sub1: "instagram", sub2: "bio" },
    });
  });

  it("accepts the shared domain named explicitly, in any case", async () => {
    const p = await seedTestProgram(stack);
    const link = await linkBody(
      await postLink(stack, p.apiKey, { campaignId: p.campaignId, affiliateId: p.affiliateId, domain: TEST_LINK_DOMAIN.toUpperCase() }),
      201,
    );
    expect(link.domain).toBe(TEST_LINK_DOMAIN);
  });
});

describe("GET /v1/links/{id}", () => {
  it("returns the link exactly as it was created", async () => {
    const p = await seedTestProgram(stack);
    const created = await linkBody(
      await postLink(stack, p.apiKey, { campaignId: p.campaignId, affiliateId: p.affiliateId, subIds: { sub3: "x" } }),
      201,
    );
    const fetched = await linkBody(await getLinkById(stack, p.apiKey, created.id), 200);
    expect(fetched).toEqual(created);
  });

  it("returns a link seeded outside the API", async () => {
    const p = await seedTestProgram(stack);
    const link = await linkBody(await getLinkById(stack, p.apiKey, p.linkId), 200);
    expect(link).toMatchObject({ id: p.linkId, code: p.code, domain: TEST_LINK_DOMAIN, campaignId: p.campaignId, affiliateId: p.affiliateId });
  });
});

describe("a created link on the redirect Worker", () => {
  it("redirects with a click id to the chosen destination and records the click with its sub-ids", async () => {
    const p = await seedTestProgram(stack);
    const destinationUrl = "https://loja.example/p/bolsa?cor=preta";
    const link = await linkBody(
      await postLink(stack, p.apiKey, {
        campaignId: p.campaignId,
        affiliateId: p.affiliateId,
        code: `bolsa-${uniqueSuffix()}`,
        destinationUrl,
        subIds: { sub1: "tiktok", sub4: "video-12" },
      }),
      201,
    );

    const res = await follow(link.url);
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location")!);
    const clickId = location.searchParams.get("indica_cid");
    expect(clickId).toMatch(/^clk_[0-9A-Z]{26}$/);
    expect(location.origin + location.pathname).toBe("https://loja.example/p/bolsa");
    expect(location.searchParams.get("cor")).toBe("preta");
    expect(setCookies(res).some((c) => c.startsWith(`indica_click=${clickId}`))).toBe(true);

    const [row] = await waitForClicks(stack, p.tenantId);
    expect(row).toMatchObject({
      id: clickId,
      link_id: link.id,
      campaign_id: p.campaignId,
      affiliate_id: p.affiliateId,
      sub_ids: { sub1: "tiktok", sub4: "video-12" },
    });
  });

  it("works on the merchant's own link domain", async () => {
    const linkDomain = uniqueLinkDomain();
    const p = await seedTestProgram(stack, { ownDomain: true, linkDomain });
    const link = await linkBody(
      await postLink(stack, p.apiKey, { campaignId: p.campaignId, affiliateId: p.affiliateId, domain: linkDomain.toUpperCase() }),
      201,
    );
    expect(link.domain).toBe(linkDomain);
    expect(link.url).toBe(`https://${linkDomain}/${link.code}`);

    const res = await follow(link.url);
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get("location")!).searchParams.get("indica_cid")).toMatch(/^clk_/);
    const [row] = await waitForClicks(stack, p.tenantId);
    expect(row).toMatchObject({ link_id: link.id });

    // The same code is not a link on the shared domain.
    const shared = await follow(`https://${TEST_LINK_DOMAIN}/${link.code}`);
    expect(shared.status).toBe(404);
  });
});

describe("GET /openapi.json", () => {
  it("is an OpenAPI 3.1 document listing the links operations", async () => {
    const res = await stack.fetch("indica-api", `${API_ORIGIN}/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const doc = await jsonOf(res);
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.paths["/v1/links"].post).toBeDefined();
    expect(doc.paths["/v1/links/{id}"].get).toBeDefined();
    expect(Object.keys(doc.paths["/v1/links"].post.responses)).toEqual(expect.arrayContaining(["201", "400", "401", "409", "422"]));
    expect(doc.components.schemas).toHaveProperty("Link");
    expect(doc.components.schemas).toHaveProperty("Problem");
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("is served without an API key", async () => {
    const res = await callApi(stack, "GET", "/openapi.json");
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  });
});
