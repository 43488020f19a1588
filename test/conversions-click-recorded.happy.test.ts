/**
 * An order naming a well-formed click id that no stored click has was listed like any order nobody
 * referred: no affiliate, and nothing to tell a click still on its way from an id the shop's integration
 * mangled. `clickRecorded` says which orders name a click that is not stored, to merchants; an affiliate
 * user sees it only on their own orders.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import { callApi, jsonOf } from "./helpers/api";
import { clickOn, placeOrder } from "./helpers/program-activity";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";
import { tokenFor } from "./helpers/auth";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

describe("an order's clickRecorded", () => {
  it("is true for a stored click, false for a click id no link recorded, null without a click id", async () => {
    const p = await seedTestProgram(stack);
    const clicked = await placeOrder(stack, p, { amount: 10_000, clickId: (await clickOn(stack, p.code)).clickId });
    const unknown = newId("click");
    const unrecorded = await placeOrder(stack, p, { amount: 7_000, clickId: unknown });
    const direct = await placeOrder(stack, p, { amount: 5_000 });

    const listed = await jsonOf(await callApi(stack, "GET", "/v1/conversions", { key: p.apiKey }));
    const byOrder = Object.fromEntries(listed.items.map((c: { orderId: string }) => [c.orderId, c]));
    expect(byOrder[clicked.orderId]).toMatchObject({ affiliateId: p.affiliateId, clickRecorded: true });
    expect(byOrder[unrecorded.orderId]).toMatchObject({ affiliateId: null, clickId: unknown, clickRecorded: false });
    expect(byOrder[direct.orderId]).toMatchObject({ affiliateId: null, clickId: null, clickRecorded: null });
    expect(await jsonOf(await callApi(stack, "GET", `/v1/conversions/${unrecorded.id}`, { key: p.apiKey }))).toMatchObject({ clickRecorded: false });

    const affiliate = await tokenFor(stack, p.tenantId, "affiliate", { affiliateId: p.affiliateId });
    const own = await jsonOf(await callApi(stack, "GET", "/v1/conversions", { key: affiliate }));
    expect(own.items.map((c: { orderId: string; clickRecorded: boolean | null }) => [c.orderId, c.clickRecorded])).toEqual([[clicked.orderId, true]]);
  });
});
