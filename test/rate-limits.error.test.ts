/** Per-caller request limits: counted in the RateLimiter object, announced in RateLimit-* headers. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, createApiKey, expectProblem } from "./helpers/api";
import { tokenFor } from "./helpers/auth";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

const LIMIT = 5;
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ bindings: { "indica-api": { API_RATE_LIMIT_PER_MINUTE: String(LIMIT) } } });
});
afterAll(() => stack?.close());

/** Windows are whole minutes: starting right before one ends would reset the count midway. */
async function awayFromMinuteBoundary(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 10_000) await new Promise((r) => setTimeout(r, left + 200));
}

describe("rate limits", () => {
  it("counts down per key, then answers 429 with Retry-After, without touching other keys", async () => {
    const p = await seedTestProgram(stack);
    await awayFromMinuteBoundary();
    const remaining: number[] = [];
    for (let i = 0; i < LIMIT; i++) {
      const res = await callApi(stack, "GET", `/v1/links/${p.linkId}`, { key: p.apiKey });
      expect(res.status).toBe(200);
      expect(res.headers.get("ratelimit-limit")).toBe(String(LIMIT));
      expect(res.headers.get("ratelimit-policy")).toBe(`${LIMIT};w=60`);
      remaining.push(Number(res.headers.get("ratelimit-remaining")));
      await res.arrayBuffer();
    }
    expect(remaining).toEqual([4, 3, 2, 1, 0]);
    const limited = await callApi(stack, "GET", `/v1/links/${p.linkId}`, { key: p.apiKey });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(limited.headers.get("ratelimit-reset"))).toBeLessThanOrEqual(60);
    await expectProblem(limited, 429, "rate_limited");

    const other = await createApiKey(stack, p.tenantId);
    expect((await callApi(stack, "GET", `/v1/links/${p.linkId}`, { key: other.key })).status).toBe(200);
  });

  it("limits signed-in users per user", async () => {
    const p = await seedTestProgram(stack);
    const token = await tokenFor(stack, p.tenantId, "analyst");
    await awayFromMinuteBoundary();
    for (let i = 0; i < LIMIT; i++) expect((await callApi(stack, "GET", "/v1/me", { key: token })).status).toBe(200);
    await expectProblem(await callApi(stack, "GET", "/v1/me", { key: token }), 429, "rate_limited");
  });
});
