/** The sim's own truth must agree with docs/attribution.md's worked examples, or every comparison is moot. */
import { describe, expect, it } from "vitest";
import { expectedReversed, expectedSplit, percentHalfEven } from "./expected";

describe("the simulation's commission truth", () => {
  it("rounds half to even", () => {
    expect(percentHalfEven(25, 1000)).toBe(2); // 2.5 → 2
    expect(percentHalfEven(35, 1000)).toBe(4); // 3.5 → 4
    expect(percentHalfEven(25000, 1000)).toBe(2500);
    expect(percentHalfEven(27507, 1250)).toBe(3438); // 3438.375
  });

  it("splits as the worked examples say", () => {
    const pb = { kind: "position_based", first: 40, last: 40 } as const;
    expect([...expectedSplit(2500, pb, [0, 1, 2])]).toEqual([[0, 1000], [1, 500], [2, 1000]]);
    expect([...expectedSplit(1, { kind: "linear" }, [4, 5, 6])]).toEqual([[4, 1], [5, 0], [6, 0]]);
    expect([...expectedSplit(101, pb, [3, 1])]).toEqual([[3, 51], [1, 50]]);
    expect([...expectedSplit(999, { kind: "last_click" }, [3, 1])]).toEqual([[1, 999]]);
  });

  it("takes back the refunded fraction, rounded down, and all of it on the completing refund", () => {
    expect(expectedReversed(1000, 3000, [1000])).toBe(333);
    expect(expectedReversed(1000, 3000, [1000, 2000])).toBe(1000);
  });
});
