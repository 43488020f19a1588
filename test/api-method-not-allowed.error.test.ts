/**
 * A known path asked with a method it does not take is a 405 with `Allow`, not a 404: `DELETE /v1/links`
 * answered "No such endpoint", and the integrator went looking for a path that was right all along.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, expectProblem } from "./helpers/api";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);
afterAll(() => stack?.close());

describe("a method the path does not take", () => {
  it("is a 405 problem whose Allow header lists the path's methods, with or without credentials", async () => {
    const p = await seedTestProgram(stack);
    const cases: [string, string, string][] = [
      ["PUT", `/v1/campaigns/${p.campaignId}`, "GET, HEAD, PATCH"],
      ["DELETE", "/v1/links", "GET, HEAD, POST"],
      ["DELETE", "/v1/tenant", "GET, HEAD, PATCH"],
      ["GET", "/v1/auth/login", "POST"],
      ["PATCH", "/v1/privacy/retention", "GET, HEAD, PUT"],
      ["POST", "/v1/domains/dom_01JB8Z5Q3X0000000000000000", "DELETE"],
    ];
    for (const key of [p.apiKey, null]) {
      for (const [method, path, allow] of cases) {
        const res = await callApi(stack, method, path, { key, body: method === "GET" ? undefined : { name: "x" } });
        expect(res.headers.get("allow"), `${method} ${path}`).toBe(allow);
        const problem = await expectProblem(res, 405, "method_not_allowed");
        expect(problem.detail).toContain(allow);
        expect(problem.instance).toBe(path);
      }
    }
  });

  it("points orders and refunds posted here to the tracking host", async () => {
    const p = await seedTestProgram(stack);
    const order = { orderId: "ord-1", amount: 1000, currency: "BRL" };
    const res = await callApi(stack, "POST", "/v1/conversions", { key: p.apiKey, body: order });
    expect(res.headers.get("allow")).toBe("GET, HEAD");
    const problem = await expectProblem(res, 405, "method_not_allowed");
    expect(problem.detail).toContain("this path answers GET, HEAD");
    expect(problem.detail).toContain("POST /v1/conversions goes to the tracking (ingest) host, not the API host");
    // Paths the API does not have at all stay 404s, with the same way there.
    for (const path of ["/v1/refunds", "/_indica/e"]) {
      const problem = await expectProblem(await callApi(stack, "POST", path, { key: p.apiKey, body: order }), 404, "not_found");
      expect(problem.detail, path).toContain(`POST ${path} goes to the tracking (ingest) host`);
    }
  });

  it("leaves the path's own methods and unknown paths as they were", async () => {
    const p = await seedTestProgram(stack);
    expect((await callApi(stack, "GET", `/v1/campaigns/${p.campaignId}`, { key: p.apiKey })).status).toBe(200);
    expect((await callApi(stack, "HEAD", `/v1/campaigns/${p.campaignId}`, { key: p.apiKey })).status).toBe(200);
    for (const [method, path] of [["GET", "/v1/nope"], ["DELETE", `/v1/links/${p.linkId}/nope`], ["PUT", "/v2/links"]]) {
      const res = await callApi(stack, method, path, { key: p.apiKey });
      expect(res.headers.get("allow"), `${method} ${path}`).toBeNull();
      await expectProblem(res, 404, "not_found");
    }
  });
});
