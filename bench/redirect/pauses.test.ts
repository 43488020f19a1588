import { describe, expect, it } from "vitest";
import { mergePauses, pausesOf } from "./pauses";

describe("pausesOf", () => {
  it("counts no pause when no response was slow", () => {
    expect(pausesOf([], 10, 20_000)).toEqual({ count: 0, perMinute: 0, longestMs: 0, slowResponses: 0, slowShare: 0 });
  });

  it("joins the requests one stop of the target delayed into one pause", () => {
    // A stop of ~80 ms at 2,000 req/s: a request every 0.5 ms, each waiting until the stop ends at 1,080.
    const stop = Array.from({ length: 160 }, (_, i) => [1_000 + i * 0.5, 80 - i * 0.5 + 0.3] as const);
    const p = pausesOf(stop, 6, 12_000);
    expect(p.count).toBe(1);
    expect(p.longestMs).toBeCloseTo(80.3, 1);
    expect(p.slowShare).toBeCloseTo(160 / 12_000, 5);
  });

  it("tells separate stops apart, in whatever order the answers came", () => {
    const p = pausesOf([[5_020, 30], [1_000, 40], [1_010, 31], [5_000, 50]], 30, 60_000);
    expect(p.count).toBe(2);
    expect(p.perMinute).toBe(4);
    expect(p.longestMs).toBe(50);
  });
});

describe("mergePauses", () => {
  it("adds counts and shares over runs and keeps the longest", () => {
    const a = { pauses: { count: 2, perMinute: 8, longestMs: 60, slowResponses: 300, slowShare: 0.01 }, seconds: 15, responses: 30_000 };
    const b = { pauses: { count: 1, perMinute: 4, longestMs: 90, slowResponses: 600, slowShare: 0.02 }, seconds: 15, responses: 30_000 };
    expect(mergePauses([a, b])).toEqual({ count: 3, perMinute: 6, longestMs: 90, slowResponses: 900, slowShare: 0.015 });
  });
});
