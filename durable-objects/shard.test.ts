import { describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import { shardOf, VISITOR_SHARDS } from "./shard";

describe("shardOf", () => {
  it("is stable and spreads ids evenly", () => {
    const id = newId("visitor");
    expect(shardOf(id, VISITOR_SHARDS)).toBe(shardOf(id, VISITOR_SHARDS));
    const perShard = 500;
    const counts = new Array(VISITOR_SHARDS).fill(0);
    for (let i = 0; i < perShard * VISITOR_SHARDS; i++) counts[shardOf(newId("visitor"), VISITOR_SHARDS)]++;
    // A fair spread stays well within ±25% of the mean (the binomial spread is about ±13% at 3σ).
    expect(Math.min(...counts)).toBeGreaterThan(perShard * 0.75);
    expect(Math.max(...counts)).toBeLessThan(perShard * 1.25);
  });
});
