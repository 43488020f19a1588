/**
 * GET /v1/payout-methods shows one tenant's methods only, and an affiliate user only its own, whatever
 * filter or cursor it sends; keys without payouts:read are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, createApiKey, expectProblem } from "./helpers/api";
import { tokenFor } from "./helpers/auth";
import { addAffiliate } from "./helpers/ingest-fixtures";
import { bodyOf } from "./helpers/programs";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

const list = (key: string, query = "") => callApi(stack, "GET", `/v1/payout-methods${query}`, { key });
const put = async (key: string, affiliateId: string, email: string) =>
  bodyOf(await callApi(stack, "PUT", `/v1/affiliates/${affiliateId}/payout-methods`, { key, body: { kind: "paypal", email } }), 200);
const affiliatesIn = async (res: Response) => (await bodyOf(res, 200)).items.map((m: { affiliateId: string }) => m.affiliateId);

describe("payout methods list", () => {
  it("never shows another tenant's methods, not even when asked for its affiliate or paged from its rows", async () => {
    const a = await seedTestProgram(stack);
    const b = await seedTestProgram(stack);
    // B's method first, so A's comes after it in id order: paging from B's id must still find A's.
    await put(b.apiKey, b.affiliateId, "b@example.com");
    await put(a.apiKey, a.affiliateId, "a@example.com");
    const [bMethodId] = (await stack.db.query("SELECT id FROM payout_methods WHERE tenant_id = $1", [b.tenantId])).rows.map((r) => r.id);

    expect(await affiliatesIn(await list(a.apiKey))).toEqual([a.affiliateId]);
    expect(await affiliatesIn(await list(a.apiKey, `?affiliateId=${b.affiliateId}`))).toEqual([]);
    // A cursor is only a position: B's method id as cursor pages A's rows after it, never B's.
    expect(await affiliatesIn(await list(a.apiKey, `?cursor=${bMethodId}`))).toEqual([a.affiliateId]);
    const owner = await tokenFor(stack, a.tenantId, "owner");
    expect(await affiliatesIn(await list(owner, `?affiliateId=${b.affiliateId}`))).toEqual([]);
  });

  it("shows an affiliate user its own methods only, whichever affiliate it filters by", async () => {
    const p = await seedTestProgram(stack);
    const other = await addAffiliate(stack, p, "Bruno");
    await put(p.apiKey, p.affiliateId, "maria@example.com");
    await put(p.apiKey, other, "bruno@example.com");
    const mine = await tokenFor(stack, p.tenantId, "affiliate", { affiliateId: p.affiliateId });

    expect(await affiliatesIn(await list(mine))).toEqual([p.affiliateId]);
    expect(await affiliatesIn(await list(mine, `?affiliateId=${p.affiliateId}`))).toEqual([p.affiliateId]);
    expect(await affiliatesIn(await list(mine, `?affiliateId=${other}`))).toEqual([]);
    // An affiliate user not linked to an affiliate sees nothing rather than everything.
    expect(await affiliatesIn(await list(await tokenFor(stack, p.tenantId, "affiliate")))).toEqual([]);
  });

  it("refuses callers without credentials or without payouts:read", async () => {
    const p = await seedTestProgram(stack);
    await expectProblem(await callApi(stack, "GET", "/v1/payout-methods"), 401, "unauthorized");
    const scoped = await createApiKey(stack, p.tenantId, { scopes: ["links:read"] });
    await expectProblem(await list(scoped.key), 403, "forbidden");
    const reader = await createApiKey(stack, p.tenantId, { scopes: ["payouts:read"] });
    await bodyOf(await list(reader.key), 200);
  });
});
