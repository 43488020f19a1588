import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { packNetworkHits, packVelocities, packVisitorClicks, packVisitorVerdicts, unpackNetworkHits, unpackVelocities, unpackVisitorClicks, unpackVisitorVerdicts } from "./guard-wire";

const count = fc.integer({ min: 0, max: 2 ** 32 - 1 });
const at = fc.integer({ min: 0, max: 4_102_444_800_000 });

describe("guard wire format", () => {
  it("gives back the clicks and hits it was given, in order", () => {
    const click = fc.record({ visitor: fc.string(), linkId: fc.string(), affiliateId: fc.string(), at, dedupWindowMs: fc.nat() });
    fc.assert(fc.property(fc.array(click), (clicks) => {
      expect(unpackVisitorClicks(packVisitorClicks(clicks))).toEqual(clicks);
    }));
    const hit = fc.record({ network: fc.string(), at });
    fc.assert(fc.property(fc.array(hit), (hits) => {
      expect(unpackNetworkHits(packNetworkHits(hits))).toEqual(hits);
    }));
  });

  it("gives back the answers it was given, in order", () => {
    const verdict = fc.record({ duplicate: fc.boolean(), affiliateClicksLastHour: count });
    fc.assert(fc.property(fc.array(verdict), (verdicts) => {
      expect(unpackVisitorVerdicts(packVisitorVerdicts(verdicts))).toEqual(verdicts);
    }));
    const velocity = fc.record({ lastMinute: count, lastHour: count });
    fc.assert(fc.property(fc.array(velocity), (velocities) => {
      expect(unpackVelocities(packVelocities(velocities))).toEqual(velocities);
    }));
  });
});
