import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, verifyPassword } from "./password";
import { ACCESS_TOKEN_TTL_SECONDS, looksLikeJwt, newRefreshToken, parseRefreshToken, signAccessToken, verifyAccessToken } from "./session-token";

const claims = { userId: "usr_1", tenantId: "tnt_1", sessionId: "ses_01JB8Z5Q3X0000000000000000", role: "admin" as const };
const SECRET = "a-secret-long-enough-for-hs256-signing";

describe("access tokens", () => {
  it("round-trip, and expire after their lifetime", async () => {
    const now = Date.UTC(2026, 10, 23);
    const token = await signAccessToken(claims, SECRET, now);
    expect(looksLikeJwt(token)).toBe(true);
    expect(await verifyAccessToken(token, SECRET, now + 1000)).toEqual(claims);
    expect(await verifyAccessToken(token, SECRET, now + (ACCESS_TOKEN_TTL_SECONDS + 60) * 1000)).toBeNull();
    expect(await verifyAccessToken(token, "another-secret-of-the-same-length-abcd", now)).toBeNull();
  });

  it("reject any change to the token", async () => {
    const token = await signAccessToken(claims, SECRET);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: token.length - 1 }), fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), async (at, ch) => {
        fc.pre(token[at] !== ch && token[at] !== ".");
        const tampered = token.slice(0, at) + ch + token.slice(at + 1);
        const result = await verifyAccessToken(tampered, SECRET);
        // Changing the last character's padding bits can leave the signature's bytes equal.
        return result === null || at === token.length - 1;
      }),
      { numRuns: 60 },
    );
  });

  it("refresh tokens carry their session id and nothing guessable", () => {
    const a = newRefreshToken(claims.sessionId);
    expect(parseRefreshToken(a)).toEqual({ sessionId: claims.sessionId });
    expect(newRefreshToken(claims.sessionId)).not.toBe(a);
    expect(parseRefreshToken("rt_garbage")).toBeNull();
  });
});

describe("passwords", () => {
  it("verify only the right password, with a fresh salt each time", async () => {
    const a = await hashPassword("correct horse battery staple");
    const b = await hashPassword("correct horse battery staple");
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse battery staple", a)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", a)).toBe(false);
    expect(await verifyPassword("anything", "not-a-hash")).toBe(false);
    expect(needsRehash(a)).toBe(false);
  });
});
