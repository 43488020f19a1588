import { describe, expect, it } from "vitest";
import { API_KEY_PATTERN, apiKeyPrefix, generateApiKey, hashApiKey } from "./api-key";

describe("api keys", () => {
  it("are random, well-formed and hashed deterministically", async () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a).toMatch(API_KEY_PATTERN);
    expect(a).not.toBe(b);
    expect(await hashApiKey(a)).toBe(await hashApiKey(a));
    expect(await hashApiKey(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(apiKeyPrefix(a)).toBe(a.slice(0, 10));
  });
});
