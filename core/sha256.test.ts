import { createHash, createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hmacKey, hmacSha256, hmacSha256HexSync, sha256, sha256HexSync } from "./sha256";

const reference = (key: Uint8Array, message: Uint8Array) => new Uint8Array(createHmac("sha256", key).update(message).digest());

describe("SHA-256", () => {
  it("equals node:crypto's for any message, across block and padding boundaries", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (message) => {
        const expected = createHash("sha256").update(message).digest();
        expect(sha256(message)).toEqual(new Uint8Array(expected));
        expect(sha256HexSync(message, 16)).toBe(expected.toString("hex").slice(0, 16));
      }),
      { numRuns: 300 },
    );
    const ua = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36 ção";
    expect(Buffer.from(sha256(ua)).toString("hex")).toBe(createHash("sha256").update(ua, "utf8").digest("hex"));
  });
});

describe("HMAC-SHA-256", () => {
  it("equals the standard HMAC-SHA-256 for any key and message length (one block, several, and keys over a block)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 150 }), fc.uint8Array({ maxLength: 300 }), (key, message) => {
        expect(hmacSha256(hmacKey(key), message)).toEqual(reference(key, message));
        expect(hmacSha256HexSync(hmacKey(key), message)).toBe(Buffer.from(reference(key, message)).toString("hex"));
      }),
      { numRuns: 500 },
    );
  });

  it("hashes the strings the redirect hashes the same as node:crypto (RFC 4231 case 2 included)", () => {
    expect(Buffer.from(hmacSha256(hmacKey("Jefe"), "what do ya want for nothing?")).toString("hex")).toBe(
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
    const key = hmacKey("bench-ip-secret");
    for (const m of ["2026-11-23|203.0.113.0/24", "2026-11-23|2001:db8:abcd::/48", ""]) {
      expect(hmacSha256(key, m)).toEqual(reference(new TextEncoder().encode("bench-ip-secret"), new TextEncoder().encode(m)));
    }
  });

  it("hashes strings of any text as their UTF-8 bytes, long ones included", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 120 }), (text) => {
        expect(sha256HexSync(text)).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
        expect(hmacSha256HexSync(hmacKey("k"), text, 32)).toBe(createHmac("sha256", "k").update(text, "utf8").digest("hex").slice(0, 32));
      }),
      { numRuns: 300 },
    );
  });

  it("lengths at the padding edges (55, 56, 63, 64 bytes) pad correctly", () => {
    const key = hmacKey("k");
    for (const n of [55, 56, 57, 63, 64, 65, 119, 120]) {
      const m = new Uint8Array(n).fill(97);
      expect(hmacSha256(key, m)).toEqual(reference(new TextEncoder().encode("k"), m));
    }
  });
});
