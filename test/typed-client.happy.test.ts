/** The generated client (sdk/) against the real API: typed calls, typed answers, problems as errors. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIndicaClient } from "../sdk";
import { API_ORIGIN } from "./helpers/api";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

const viaStack = (request: Request) => stack.fetch("indica-api", request.url, { method: request.method, headers: request.headers, body: request.body ? request.clone().body : undefined, duplex: "half" } as RequestInit);

describe("typed client", () => {
  it("signs in, creates and reads a link, and reports problems as typed errors", async () => {
    const p = await seedTestProgram(stack);
    const indica = createIndicaClient({ baseUrl: API_ORIGIN, token: p.apiKey, fetch: viaStack as typeof fetch });
    const created = await indica.POST("/v1/links", { body: { campaignId: p.campaignId, affiliateId: p.affiliateId, subIds: { sub1: "instagram" } } });
    expect(created.response.status).toBe(201);
    const link = created.data!;
    expect(link.subIds).toEqual({ sub1: "instagram" });

    const read = await indica.GET("/v1/links/{id}", { params: { path: { id: link.id } } });
    expect(read.data?.url).toBe(link.url);

    const invalid = await indica.POST("/v1/links", { body: { campaignId: "nope", affiliateId: p.affiliateId } });
    expect(invalid.response.status).toBe(400);
    expect(invalid.error?.code).toBe("validation_failed");

    const me = await indica.GET("/v1/me");
    expect(me.data).toMatchObject({ kind: "api_key", tenantId: p.tenantId });
  });
});
