import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isLinkCode, LINK_CODE_PATTERN, normalizeLinkCode, randomLinkCode } from "./link-code";
import { linkCacheKey } from "./link-record";

/** Codes as the API accepts them: the pattern's characters in any case. */
const linkCode = fc.stringMatching(LINK_CODE_PATTERN);

/** The same code with each letter's case flipped where `flips` says so. */
const recased = (code: string, flips: boolean[]) =>
  [...code].map((ch, i) => (flips[i % flips.length] ? (ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase()) : ch)).join("");

describe("normalizeLinkCode", () => {
  it("makes codes that differ only in case one, and keeps codes that differ otherwise apart", () => {
    expect(normalizeLinkCode("Ana-Verao")).toBe("ana-verao");
    expect(normalizeLinkCode("ANA-VERAO")).toBe(normalizeLinkCode("ana-verao"));
    expect(normalizeLinkCode("ana_verao")).not.toBe(normalizeLinkCode("ana-verao"));
    fc.assert(
      fc.property(linkCode, fc.array(fc.boolean(), { minLength: 1 }), (code, flips) => {
        expect(normalizeLinkCode(recased(code, flips))).toBe(normalizeLinkCode(code));
      }),
    );
  });

  it("is idempotent, keeps the length and stays a valid code (the redirect's key is itself a code)", () => {
    fc.assert(
      fc.property(linkCode, (code) => {
        const normal = normalizeLinkCode(code);
        expect(normalizeLinkCode(normal)).toBe(normal);
        expect(normal).toHaveLength(code.length);
        expect(LINK_CODE_PATTERN.test(normal)).toBe(true);
      }),
    );
  });

  it("agrees with Postgres's lower() on ASCII, the unique index's expression: only A-Z change", () => {
    const ascii = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)).join("");
    const expected = ascii.replace(/[A-Z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 32));
    expect(normalizeLinkCode(ascii)).toBe(expected);
  });
});

describe("linkCacheKey", () => {
  it("is one key per link whatever the case of host and code, so the API's writes and the redirect's reads meet", () => {
    expect(linkCacheKey("Go.Loja.Example.", "Ana-Verao")).toBe("link:go.loja.example/ana-verao");
    fc.assert(
      fc.property(linkCode, fc.array(fc.boolean(), { minLength: 1 }), (code, flips) => {
        expect(linkCacheKey("go.indica.link", recased(code, flips))).toBe(linkCacheKey("GO.INDICA.LINK", code));
      }),
    );
  });
});

describe("isLinkCode", () => {
  it("refuses the reserved paths in any case", () => {
    for (const reserved of ["health", "Health", "V1", "ROBOTS.TXT", "_Indica"]) expect(isLinkCode(reserved), reserved).toBe(false);
    expect(isLinkCode("Ana-Verao")).toBe(true);
  });
});

describe("randomLinkCode", () => {
  it("draws lower-case codes, already in their matching form, from an alphabet without look-alikes", () => {
    for (let i = 0; i < 500; i++) {
      const code = randomLinkCode();
      expect(code).toMatch(/^[a-km-z2-9]{7}$/);
      expect(normalizeLinkCode(code)).toBe(code);
      expect(isLinkCode(code)).toBe(true);
    }
  });

  it("uses every character of the alphabet", () => {
    const seen = new Set(Array.from({ length: 400 }, () => randomLinkCode(16)).join(""));
    expect([...seen].sort().join("")).toBe("23456789abcdefghijkmnopqrstuvwxyz");
  });
});
