/** GET /v1/conversions with a range that ends before it starts is a 400 on /query/from, as reports answer it. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, expectProblem } from "./helpers/api";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);
afterAll(() => stack?.close());

describe("GET /v1/conversions?from&to", () => {
  it("refuses from after to, for two days and for two instants", async () => {
    const p = await seedTestProgram(stack);
    for (const [from, to] of [["2026-11-30", "2026-11-01"], ["2026-11-23T10:00:00Z", "2026-11-23T09:59:59Z"], ["2026-11-23T10:00:00+02:00", "2026-11-23T07:00:00Z"]]) {
      const problem = await expectProblem(await callApi(stack, "GET", `/v1/conversions?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, { key: p.apiKey }), 400, "validation_failed");
      expect(problem.errors?.map((e) => [e.pointer, e.detail])).toEqual([["/query/from", "must not be after to"]]);
    }
  });

  it("keeps equal bounds, ordered bounds, and a day against an instant (the merchant's zone decides those)", async () => {
    const p = await seedTestProgram(stack);
    for (const [from, to] of [["2026-11-01", "2026-11-01"], ["2026-11-01", "2026-11-30"], ["2026-11-23T10:00:00Z", "2026-11-23T10:00:00Z"], ["2026-11-24", "2026-11-23T10:00:00Z"]]) {
      const res = await callApi(stack, "GET", `/v1/conversions?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, { key: p.apiKey });
      expect(res.status, `${from}..${to}`).toBe(200);
    }
  });
});
