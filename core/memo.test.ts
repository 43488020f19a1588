import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { memoize } from "./memo";

describe("memoize", () => {
  it("computes each input once while it is remembered", () => {
    const calls: string[] = [];
    const upper = memoize((s: string) => (calls.push(s), s.toUpperCase()), 2);
    expect([upper("a"), upper("a"), upper("b"), upper("c"), upper("b"), upper("a")]).toEqual(["A", "A", "B", "C", "B", "A"]);
    expect(calls).toEqual(["a", "b", "c"]);
  });

  it("always remembers the last maxEntries distinct inputs, never more than twice as many, and answers as the function does", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 80 }), (max, inputs) => {
        const computed: number[] = [];
        const double = memoize((n: number) => (computed.push(n), n * 2), max);
        inputs.forEach((n, i) => {
          const before = computed.length;
          expect(double(n)).toBe(n * 2);
          const lastDistinct = [...new Set(inputs.slice(0, i).reverse())].slice(0, max);
          if (lastDistinct.includes(n)) expect(computed.length).toBe(before);
        });
        // Bounded: after 2 * max + 1 other distinct inputs, the first is computed again.
        const first = memoize((n: number) => (computed.push(n), n), max);
        first(-1);
        for (let k = 0; k < 2 * max + 1; k++) first(1_000 + k);
        const before = computed.length;
        first(-1);
        expect(computed.length).toBe(before + 1);
      }),
    );
  });

  it("remembers falsy answers too", () => {
    let n = 0;
    const isEmpty = memoize((s: string) => (n++, s === ""), 10);
    isEmpty("x");
    isEmpty("x");
    expect(n).toBe(1);
  });
});
