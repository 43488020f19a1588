/**
 * GET /v1/payout-methods: every affiliate's methods in one paged list (what the merchant's methods page
 * reads instead of one request per affiliate), as hints only, filtered by affiliate on request.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi } from "./helpers/api";
import { tokenFor } from "./helpers/auth";
import { addAffiliate } from "./helpers/ingest-fixtures";
import { bodyOf } from "./helpers/programs";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

const get = async (key: string, path: string) => bodyOf(await callApi(stack, "GET", path, { key }), 200);
const put = async (key: string, affiliateId: string, body: unknown) => bodyOf(await callApi(stack, "PUT", `/v1/affiliates/${affiliateId}/payout-methods`, { key, body }), 200);

describe("payout methods across affiliates", () => {
  it("pages through every affiliate's methods by nextCursor, oldest first, showing hints and never details", async () => {
    const p = await seedTestProgram(stack);
    const bruno = await addAffiliate(stack, p, "Bruno");
    const carla = await addAffiliate(stack, p, "Carla");
    await put(p.apiKey, p.affiliateId, { kind: "pix", keyType: "email", key: "maria@example.com" });
    await put(p.apiKey, bruno, { kind: "paypal", email: "bruno@example.com" });
    await put(p.apiKey, bruno, { kind: "stripe_connect", accountId: "acct_1BBBBBBB" });
    await put(p.apiKey, carla, { kind: "bank", bankCode: "001", branch: "1234", account: "56789-0", holderName: "Carla Dias", holderDocument: "12345678909" });

    const first = await get(p.apiKey, "/v1/payout-methods?limit=3");
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toEqual(expect.stringMatching(/^pym_/));
    const second = await get(p.apiKey, `/v1/payout-methods?limit=3&cursor=${first.nextCursor}`);
    expect(second.nextCursor).toBeNull();
    const all = [...first.items, ...second.items];
    expect(all.map((m) => [m.affiliateId, m.kind])).toEqual([[p.affiliateId, "pix"], [bruno, "paypal"], [bruno, "stripe_connect"], [carla, "bank"]]);
    for (const m of all) {
      expect(Object.keys(m).sort()).toEqual(["affiliateId", "hint", "kind", "updatedAt"]);
      expect(new Date(m.updatedAt).toISOString()).toBe(m.updatedAt);
    }
    // The list shows what the per-affiliate operation shows, and nothing a payment could be made with.
    expect((await get(p.apiKey, `/v1/affiliates/${bruno}/payout-methods`)).items).toEqual(all.filter((m) => m.affiliateId === bruno).map(({ affiliateId: _, ...m }) => m));
    const text = JSON.stringify(all);
    for (const secret of ["maria@example.com", "bruno@example.com", "acct_1BBBBBBB", "56789-0", "12345678909"]) expect(text).not.toContain(secret);
  });

  it("filters by affiliate, keeps a replaced method in its place, and answers an empty page for an affiliate without any", async () => {
    const p = await seedTestProgram(stack);
    const bruno = await addAffiliate(stack, p, "Bruno");
    await put(p.apiKey, bruno, { kind: "pix", keyType: "email", key: "old@example.com" });
    await put(p.apiKey, p.affiliateId, { kind: "paypal", email: "maria@example.com" });
    const before = await get(p.apiKey, "/v1/payout-methods");
    const replaced = await put(p.apiKey, bruno, { kind: "pix", keyType: "cpf", key: "12345678909" });

    const after = await get(p.apiKey, "/v1/payout-methods");
    expect(after.items.map((m: { affiliateId: string }) => m.affiliateId)).toEqual(before.items.map((m: { affiliateId: string }) => m.affiliateId));
    expect(after.items[0]).toEqual({ affiliateId: bruno, ...replaced });
    expect(await get(p.apiKey, `/v1/payout-methods?affiliateId=${bruno}`)).toEqual({ items: [{ affiliateId: bruno, ...replaced }], nextCursor: null });
    const nobody = await addAffiliate(stack, p, "Nobody");
    expect(await get(p.apiKey, `/v1/payout-methods?affiliateId=${nobody}`)).toEqual({ items: [], nextCursor: null });
  });

  it("is open to every role that reads payouts", async () => {
    const p = await seedTestProgram(stack);
    await put(p.apiKey, p.affiliateId, { kind: "paypal", email: "maria@example.com" });
    for (const role of ["owner", "admin", "analyst", "affiliate_manager"] as const) {
      const page = await get(await tokenFor(stack, p.tenantId, role), "/v1/payout-methods");
      expect(page.items.map((m: { affiliateId: string }) => m.affiliateId), role).toEqual([p.affiliateId]);
    }
  });
});
