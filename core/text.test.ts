import { describe, expect, it } from "vitest";
import { isStorableText, storableJson } from "./text";

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
