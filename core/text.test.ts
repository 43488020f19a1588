import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isStorableText, storableJson, utf8Length } from "./text";

describe("storable text", () => {
  it("refuses control characters and lone surrogates, accepts emoji and accents", () => {
    expect(isStorableText("Tênis 👟 São Paulo")).toBe(true);
    for (const bad of ["a\u0000b", "a\nb", "\ud800", "x\udc00y", "\ud83d"]) expect(isStorableText(bad)).toBe(false);
  });

  it("makes any payload storable as jsonb", () => {
    expect(storableJson({ a: "\ud800", b: "ok\u0000", c: "👟" })).toEqual({ a: "\ufffd", b: "ok\ufffd", c: "👟" });
    expect(storableJson(undefined)).toEqual({ missing: true });
  });
});

describe("utf8Length", () => {
  it("counts UTF-8 bytes as TextEncoder does, lone surrogates included", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
      }),
    );
    expect(utf8Length("Tênis 👟")).toBe(11);
    expect(utf8Length("\ud800x")).toBe(4);
  });
});
