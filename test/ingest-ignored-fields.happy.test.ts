/**
 * The tracking host takes an order whose body has a key it does not know (refusing it could lose a live
 * shop's orders) but names the ignored keys in its 202, so a typo such as `clickid` shows up in the answer
 * instead of as an order with no affiliate.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { s2sConversion } from "./helpers/ingest-fixtures";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { conversionOf, orderId, serverPost } from "./helpers/tracking";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

const answer = async (res: Response) => ({ status: res.status, body: (await res.json()) as Record<string, unknown> });

describe("keys the tracking host does not know", () => {
  it("a conversion with misspelt keys is taken, and the 202 names them; a clean one names none", async () => {
    const p = await seedTestProgram(stack);
    const order = orderId();
    const typo = await answer(await serverPost(stack, "/v1/conversions", p.apiKey, s2sConversion({ orderId: order, clickid: "clk_x", customer: { emial: "a@b.c" } })));
    expect(typo).toEqual({ status: 202, body: { accepted: 1, orderId: order, ignoredFields: ["/body/clickid", "/body/customer/emial"] } });
    await waitFor(() => conversionOf(stack, p.tenantId, order), 20_000, "the order");

    const clean = await answer(await serverPost(stack, "/v1/conversions", p.apiKey, s2sConversion({ metadata: { anything: "goes" } })));
    expect(clean.status).toBe(202);
    expect(clean.body).not.toHaveProperty("ignoredFields");
  });

  it("a batch and a refund name theirs too", async () => {
    const p = await seedTestProgram(stack);
    const batch = await answer(await serverPost(stack, "/v1/conversions/batch", p.apiKey, { conversions: [s2sConversion(), s2sConversion({ amout: 5 })] }));
    expect(batch).toEqual({ status: 202, body: { accepted: 2, ignoredFields: ["/body/conversions/1/amout"] } });
    const refund = await answer(await serverPost(stack, "/v1/refunds", p.apiKey, { orderId: orderId(), amount: 100, currency: "BRL", reson: "x" }));
    expect(refund.body).toMatchObject({ accepted: 1, ignoredFields: ["/body/reson"] });
  });
});
