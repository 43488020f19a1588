/**
 * Who may do what with links: API keys authenticate a tenant, scopes limit what a key may do, and no
 * key ever reaches another tenant's links, campaigns, affiliates or domains.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateApiKey } from "../core/api-key";
import { createApiKey, expectProblem, getLinkById, jsonOf, postLink, uniqueLinkDomain } from "./helpers/api";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

/** Both operations with the given Authorization header (or none), each expected to be a 401 problem. */
async function expectUnauthorized(authorization: string | null) {
  const p = await seedTestProgram(stack);
  const headers: Record<string, string> = authorization === null ? {} : { authorization };
  const calls = [
    () => postLink(stack, null, { campaignId: p.campaignId, affiliateId: p.affiliateId }, headers),
    () => stack.fetch("indica-api", `https://api.indica.test/v1/links/${p.linkId}`, { headers }),
  ];
  for (const call of calls) {
    const problem = await expectProblem(await call(), 401, "unauthorized");
    // Nothing about the link itself (the id may appear only as the echoed request path).
    expect(JSON.stringify(problem)).not.toContain(p.code);
    expect(problem).not.toHaveProperty("destinationUrl");
  }
  const { rows } = await stack.db.query("SELECT count(*)::int AS n FROM links WHERE tenant_id = $1", [p.tenantId]);
  expect(rows[0].n).toBe(1); // only the seeded link
}

describe("authentication", () => {
  it.each([
    ["no Authorization header", null],
    ["an empty Bearer", "Bearer "],
    ["a garbage token", "Bearer not-a-key"],
    ["a well-formed key nobody issued", `Bearer ${generateApiKey()}`],
    ["a key in the wrong scheme", `Basic ${generateApiKey()}`],
    ["a key with trailing junk", `Bearer ${generateApiKey()} extra`],
    ["a very long token", `Bearer ik_${"A".repeat(10_000)}`],
  ])("%s is 401", async (_, authorization) => {
    await expectUnauthorized(authorization);
  });

  it("a revoked key is 401", async () => {
    const p = await seedTestProgram(stack);
    const { id, key } = await createApiKey(stack, p.tenantId);
    expect((await getLinkById(stack, key, p.linkId)).status).toBe(200);
    await stack.db.query("UPDATE api_keys SET revoked_at = now() WHERE id = $1", [id]);
    await expectProblem(await getLinkById(stack, key, p.linkId), 401, "unauthorized");
    await expectProblem(await postLink(stack, key, { campaignId: p.campaignId, affiliateId: p.affiliateId }), 401, "unauthorized");
  });

  it("an expired key is 401, a key expiring later works", async () => {
    const p = await seedTestProgram(stack);
    const expired = await createApiKey(stack, p.tenantId, { expiresAt: new Date(Date.now() - 60_000).toISOString() });
    await expectProblem(await getLinkById(stack, expired.key, p.linkId), 401, "unauthorized");
    await expectProblem(await postLink(stack, expired.key, { campaignId: p.campaignId, affiliateId: p.affiliateId }), 401, "unauthorized");

    const later = await createApiKey(stack, p.tenantId, { expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect((await getLinkById(stack, later.key, p.linkId)).status).toBe(200);
  });

  it("the Bearer scheme is case-insensitive", async () => {
    const p = await seedTestProgram(stack);
    const res = await stack.fetch("indica-api", `https://api.indica.test/v1/links/${p.linkId}`, { headers: { authorization: `bearer ${p.apiKey}` } });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  });

  it("authentication comes before validation: a bad body without a key is 401, not 400", async () => {
    const res = await postLink(stack, null, { campaignId: 42 });
    await expectProblem(res, 401, "unauthorized");
  });
});

describe("tenant isolation", () => {
  it("tenant A's key cannot read tenant B's link", async () => {
    const a = await seedTestProgram(stack);
    const b = await seedTestProgram(stack);
    const problem = await expectProblem(await getLinkById(stack, a.apiKey, b.linkId), 404, "not_found");
    expect(JSON.stringify(problem)).not.toContain(b.code);
    // B can.
    expect((await getLinkById(stack, b.apiKey, b.linkId)).status).toBe(200);
  });

  it("tenant A's key cannot read a link B created through the API", async () => {
    const a = await seedTestProgram(stack);
    const b = await seedTestProgram(stack);
    const created = await jsonOf(await postLink(stack, b.apiKey, { campaignId: b.campaignId, affiliateId: b.affiliateId }));
    await expectProblem(await getLinkById(stack, a.apiKey, created.id), 404, "not_found");
  });

  it("tenant A cannot create a link with tenant B's campaign or affiliate", async () => {
    const a = await seedTestProgram(stack);
    const b = await seedTestProgram(stack);
    const cases = [
      [{ campaignId: b.campaignId, affiliateId: a.affiliateId }, "/body/campaignId"],
      [{ campaignId: a.campaignId, affiliateId: b.affiliateId }, "/body/affiliateId"],
      [{ campaignId: b.campaignId, affiliateId: b.affiliateId }, "/body/campaignId"],
    ] as const;
    for (const [body, pointer] of cases) {
      const problem = await expectProblem(await postLink(stack, a.apiKey, body), 422, "unprocessable");
      expect(problem.errors!.map((e) => e.pointer)).toEqual([pointer]);
    }
    const { rows } = await stack.db.query("SELECT count(*)::int AS n FROM links WHERE tenant_id = ANY($1)", [[a.tenantId, b.tenantId]]);
    expect(rows[0].n).toBe(2); // the two seeded links, nothing else
    // Nor did A's attempt enrol B's affiliate in A's campaign, or the other way round.
    const memberships = await stack.db.query(
      "SELECT count(*)::int AS n FROM campaign_memberships WHERE (campaign_id = $1 AND affiliate_id = $2) OR (campaign_id = $3 AND affiliate_id = $4)",
      [a.campaignId, b.affiliateId, b.campaignId, a.affiliateId],
    );
    expect(memberships.rows[0].n).toBe(0);
  });

  it("tenant A cannot create a link on tenant B's own domain", async () => {
    const a = await seedTestProgram(stack);
    const bDomain = uniqueLinkDomain();
    await seedTestProgram(stack, { ownDomain: true, linkDomain: bDomain });
    for (const domain of [bDomain, bDomain.toUpperCase(), `${bDomain}.`]) {
      const problem = await expectProblem(await postLink(stack, a.apiKey, { campaignId: a.campaignId, affiliateId: a.affiliateId, domain, code: "hijack" }), 422, "unprocessable");
      expect(problem.errors!.map((e) => e.pointer)).toEqual(["/body/domain"]);
    }
    const { rows } = await stack.db.query("SELECT count(*)::int AS n FROM links WHERE lower(domain) = $1 AND code = 'hijack'", [bDomain]);
    expect(rows[0].n).toBe(0);
  });
});

describe("scopes", () => {
  it("a links:read key can read but cannot create", async () => {
    const p = await seedTestProgram(stack);
    const { key } = await createApiKey(stack, p.tenantId, { scopes: ["links:read"] });
    expect((await getLinkById(stack, key, p.linkId)).status).toBe(200);
    await expectProblem(await postLink(stack, key, { campaignId: p.campaignId, affiliateId: p.affiliateId }), 403, "forbidden");
    const { rows } = await stack.db.query("SELECT count(*)::int AS n FROM links WHERE tenant_id = $1", [p.tenantId]);
    expect(rows[0].n).toBe(1);
  });

  it("a links:write key can create but cannot read", async () => {
    const p = await seedTestProgram(stack);
    const { key } = await createApiKey(stack, p.tenantId, { scopes: ["links:write"] });
    expect((await postLink(stack, key, { campaignId: p.campaignId, affiliateId: p.affiliateId })).status).toBe(201);
    await expectProblem(await getLinkById(stack, key, p.linkId), 403, "forbidden");
  });

  it("a key with an unrelated scope can do neither", async () => {
    const p = await seedTestProgram(stack);
    const { key } = await createApiKey(stack, p.tenantId, { scopes: ["reports:read"] });
    await expectProblem(await getLinkById(stack, key, p.linkId), 403, "forbidden");
    await expectProblem(await postLink(stack, key, { campaignId: p.campaignId, affiliateId: p.affiliateId }), 403, "forbidden");
  });
});
