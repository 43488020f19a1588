import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isId, newId, timestampOfId } from "./ids";

describe("ids", () => {
  it("carries its prefix and timestamp", () => {
    const id = newId("click", 1_700_000_000_123);
    expect(id).toMatch(/^clk_[0-9A-Z]{26}$/);
    expect(timestampOfId(id)).toBe(1_700_000_000_123);
    expect(isId("click", id)).toBe(true);
    expect(isId("link", id)).toBe(false);
  });

  it("sorts by creation time", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 47 }), fc.integer({ min: 1, max: 2 ** 20 }), (t, dt) => {
        expect(newId("link", t) < newId("link", t + dt)).toBe(true);
      }),
    );
  });

  it("rejects strings that are not ids", () => {
    for (const s of ["", "clk_", "clk_123", "CLK_01JB0000000000000000000000", "clk_01JB000000000000000000000I", 42]) {
      expect(isId("click", s)).toBe(false);
    }
    expect(timestampOfId("nope")).toBeNull();
  });
});
