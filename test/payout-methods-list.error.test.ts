/** Bad query parameters to GET /v1/payout-methods: RFC 9457 problems pointing at each field. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, expectFieldErrors } from "./helpers/api";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

describe("payout methods list", () => {
  it("points at each bad parameter", async () => {
    const p = await seedTestProgram(stack);
    const get = (query: string) => callApi(stack, "GET", `/v1/payout-methods${query}`, { key: p.apiKey });
    const body = await expectFieldErrors(await get("?affiliateId=usr_01JB8Z5Q3X0000000000000000&limit=0&cursor=page-2"), ["/query/affiliateId", "/query/limit", "/query/cursor"]);
    expect(body.errors?.find((e) => e.pointer === "/query/affiliateId")?.detail).toBe("expected an affiliate id (aff_...)");
    await expectFieldErrors(await get("?limit=201"), ["/query/limit"]);
    await expectFieldErrors(await get("?limit=ten"), ["/query/limit"]);
    await expectFieldErrors(await get(`?affiliateId=${p.affiliateId.toLowerCase()}`), ["/query/affiliateId"]);
  });
});
