import { describe, expect, it } from "vitest";
import { memoize } from "./memo";

describe("memoize", () => {
  it("computes each input once while it is remembered, and forgets the oldest past the bound", () => {
    const calls: string[] = [];
    const upper = memoize((s: string) => (calls.push(s), s.toUpperCase()), 2);
    expect([upper("a"), upper("a"), upper("b"), upper("c"), upper("b"), upper("a")]).toEqual(["A", "A", "B", "C", "B", "A"]);
    expect(calls).toEqual(["a", "b", "c", "a"]);
  });

  it("remembers falsy answers too", () => {
    let n = 0;
    const isEmpty = memoize((s: string) => (n++, s === ""), 10);
    isEmpty("x");
    isEmpty("x");
    expect(n).toBe(1);
  });
});
