/**
 * Exchange rates, as an integrator meets them. A rate for the merchant's default currency was answered
 * 201 and never used (orders in it convert at exactly 1): now a 422 pointing at the currency. And an
 * order whose amount, converted at its rate, no longer fits a number (the largest amount, 10^12, at the
 * largest rate) was accepted with 202 and then refused by Postgres: now it is stored, without a converted
 * amount.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_MINOR_UNITS } from "../core/money";
import { callApi, expectProblem, jsonOf } from "./helpers/api";
import { tokenFor } from "./helpers/auth";
import { drainQueue, storedFor } from "./helpers/ingest-fixtures";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";
import { orderId, serverPost } from "./helpers/tracking";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);
afterAll(() => stack?.close());

describe("POST /v1/fx-rates", () => {
  it("a rate for the default currency is a 422 on /body/currency; other currencies are stored", async () => {
    const p = await seedTestProgram(stack);
    const key = await tokenFor(stack, p.tenantId, "owner");
    const problem = await expectProblem(await callApi(stack, "POST", "/v1/fx-rates", { key, body: { currency: "BRL", rate: "5" } }), 422, "unprocessable");
    expect(problem.errors?.map((e) => e.pointer)).toEqual(["/body/currency"]);
    const ok = await callApi(stack, "POST", "/v1/fx-rates", { key, body: { currency: "USD", rate: "5.25" } });
    expect(ok.status).toBe(201);
    const list = await jsonOf(await callApi(stack, "GET", "/v1/fx-rates", { key }));
    expect(list.items.map((r: { currency: string }) => r.currency)).toEqual(["USD"]);
  });
});

describe("orders converted at the merchant's rate", () => {
  it("an amount whose conversion overflows or passes the amount cap is stored unconverted, not parked; a normal one is converted", async () => {
    const p = await seedTestProgram(stack);
    const key = await tokenFor(stack, p.tenantId, "owner");
    const asOf = new Date(Date.now() - 60_000).toISOString();
    // The largest rate accepted: 10^12 × ~10^9 is past 2^53 (orders over 10^12 are refused at the edge).
    expect((await callApi(stack, "POST", "/v1/fx-rates", { key, body: { currency: "USD", rate: "999999999", asOf } })).status).toBe(201);
    const huge = orderId();
    const normal = orderId();
    // 10^6 × ~10^9 ≈ 10^15: exact as a number, but past the cap every amount is held to.
    const pastCap = orderId();
    expect((await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: huge, amount: MAX_MINOR_UNITS, currency: "USD" })).status).toBe(202);
    expect((await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: pastCap, amount: 1_000_000, currency: "USD" })).status).toBe(202);
    expect((await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: normal, amount: 1_000, currency: "USD" })).status).toBe(202);
    await drainQueue(stack);
    const stored = await storedFor(stack, p.tenantId);
    expect(stored.failed).toBe(0);
    expect(stored.conversions.sort()).toEqual([huge, normal, pastCap].sort());
    const { rows } = await stack.db.query("SELECT order_id, default_currency_amount FROM conversions WHERE tenant_id = $1", [p.tenantId]);
    const converted = Object.fromEntries(rows.map((r) => [r.order_id, r.default_currency_amount]));
    expect(converted[huge]).toBeNull();
    expect(converted[pastCap]).toBeNull();
    expect(converted[normal]).toBe("999999999000");
  });
});
