import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isId, timestampOfId } from "../../core/ids";
import { isClickId, newEventId } from "./ids";

describe("newEventId", () => {
  it("has the server's id format, with the time it was made", () => {
    const id = newEventId(1_700_000_000_123);
    expect(id).toMatch(/^evt_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(isId("event", id)).toBe(true);
    expect(timestampOfId(id)).toBe(1_700_000_000_123);
  });

  it("sorts by creation time", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 47 }), fc.integer({ min: 1, max: 2 ** 20 }), (t, dt) => {
        expect(newEventId(t) < newEventId(t + dt)).toBe(true);
      }),
    );
  });

  it("takes its random part from crypto.getRandomValues", () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newEventId(1_700_000_000_000)));
    expect(ids.size).toBe(1000);
    expect(newEventId(0, (n) => new Uint8Array(n).fill(31))).toBe("evt_0000000000ZZZZZZZZZZZZZZZZ");
  });
});

describe("isClickId", () => {
  it("accepts only click ids", () => {
    expect(isClickId("clk_01JB0000000000000000000000")).toBe(true);
    for (const v of ["", "clk_", "clk_01JB000000000000000000000I", "evt_01JB0000000000000000000000", null, 42]) expect(isClickId(v)).toBe(false);
  });
});
