/**
 * Create bodies with a key the resource does not have are a 400 pointing at the key, and nothing is made:
 * `{"commission": …}` for `commissionRules` made a campaign at the default 10%, silently.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, expectFieldErrors } from "./helpers/api";
import { tokenFor } from "./helpers/auth";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);
afterAll(() => stack?.close());

describe("POST with an unknown field", () => {
  it("is refused for campaigns, affiliates, coupons and links, and creates nothing", async () => {
    const p = await seedTestProgram(stack);
    const key = await tokenFor(stack, p.tenantId, "owner");
    const count = async (table: string) => Number((await stack.db.query(`SELECT count(*) FROM ${table} WHERE tenant_id = $1`, [p.tenantId])).rows[0].count);
    const before = { campaigns: await count("campaigns"), affiliates: await count("affiliates"), coupons: await count("coupons"), links: await count("links") };
    const cases: [string, unknown, string[]][] = [
      ["/v1/campaigns", { name: "Verão", destinationUrl: "https://loja.example/", commission: { base: { type: "percentage", bp: 2000 } } }, ["/body/commission"]],
      ["/v1/affiliates", { name: "Bruno", email: "bruno@example.com", grup: "vip" }, ["/body/grup"]],
      ["/v1/coupons", { code: "BRUNO10", affiliateId: p.affiliateId, campaignId: p.campaignId, discount: 10 }, ["/body/discount"]],
      ["/v1/links", { campaignId: p.campaignId, affiliateId: p.affiliateId, subid1: "x" }, ["/body/subid1"]],
    ];
    for (const [path, body, pointers] of cases) {
      const problem = await expectFieldErrors(await callApi(stack, "POST", path, { key, body }), pointers);
      expect(problem.errors?.[0].detail, path).toMatch(/^unknown field; this resource's fields are /);
    }
    expect({ campaigns: await count("campaigns"), affiliates: await count("affiliates"), coupons: await count("coupons"), links: await count("links") }).toEqual(before);
  });

  it("creates as before when every key is known", async () => {
    const p = await seedTestProgram(stack);
    const res = await callApi(stack, "POST", "/v1/links", { key: p.apiKey, body: { campaignId: p.campaignId, affiliateId: p.affiliateId } });
    expect(res.status).toBe(201);
  });
});
