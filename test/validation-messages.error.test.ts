/**
 * Field errors speak one voice on both hosts (core/issue-messages.ts): a missing field says it is required,
 * a query number that is not one says "expected a number" (not NaN), a union names what it accepts or
 * points at the member the input nearly matched. They used to read "Invalid input: expected string,
 * received undefined", "received NaN" and a bare "Invalid input".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, expectFieldErrors } from "./helpers/api";
import { expectIngestFieldErrors, s2sConversion } from "./helpers/ingest-fixtures";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";
import { serverPost } from "./helpers/tracking";

let stack: TestStack;
let p: Awaited<ReturnType<typeof seedTestProgram>>;
beforeAll(async () => {
  stack = await startTestStack();
  p = await seedTestProgram(stack);
});
afterAll(() => stack?.close());

const detailsOf = (errors: { pointer: string; detail: string }[] | undefined) => Object.fromEntries((errors ?? []).map((e) => [e.pointer, e.detail]));

describe("field error messages", () => {
  it("on the API host: required fields, a query number, union members", async () => {
    const missing = await expectFieldErrors(await callApi(stack, "POST", "/v1/links", { key: p.apiKey, body: {} }), ["/body/campaignId", "/body/affiliateId"]);
    expect(detailsOf(missing.errors)).toMatchObject({ "/body/campaignId": "required: expected a string", "/body/affiliateId": "required: expected the id of the affiliate the link is for (aff_...)" });

    const limit = await expectFieldErrors(await callApi(stack, "GET", "/v1/campaigns?limit=abc", { key: p.apiKey }), ["/query/limit"]);
    expect(detailsOf(limit.errors)["/query/limit"]).toBe("expected a number");

    const campaign = { name: "Verão", destinationUrl: "https://loja.example/verao" };
    const kind = await expectFieldErrors(await callApi(stack, "POST", "/v1/campaigns", { key: p.apiKey, body: { ...campaign, commissionRules: { version: 1, base: { type: "percent", bp: 1000 } } } }), ["/body/commissionRules/base/type"]);
    expect(detailsOf(kind.errors)["/body/commissionRules/base/type"]).toBe('expected one of "percentage", "flat"');
    const noBase = await expectFieldErrors(await callApi(stack, "POST", "/v1/campaigns", { key: p.apiKey, body: { ...campaign, commissionRules: { version: 1 } } }), ["/body/commissionRules/base"]);
    expect(detailsOf(noBase.errors)["/body/commissionRules/base"]).toBe("required: expected an object");
  });

  it("on the tracking host: the same words", async () => {
    const { orderId: _, ...withoutOrderId } = s2sConversion();
    const res = await serverPost(stack, "/v1/conversions", p.apiKey, { ...withoutOrderId, amount: "12" });
    const problem = await expectIngestFieldErrors(res, ["/body/orderId", "/body/amount"]);
    expect(detailsOf(problem.errors)).toMatchObject({ "/body/orderId": "required: expected a string", "/body/amount": "expected a number, received a string" });
  });
});
