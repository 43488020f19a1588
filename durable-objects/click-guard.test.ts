import { describe, expect, it } from "vitest";
import { DEFAULT_VELOCITY_LIMITS } from "../core/fraud";
import { guardClicks, type GuardRequest, type GuardShards } from "./click-guard";
import { packVelocities, packVisitorVerdicts, unpackNetworkHits, unpackVisitorClicks } from "./guard-wire";

const request = (visitor: string, network: string | null = "net-1"): GuardRequest => ({
  click: { visitor, linkId: "lnk_1", affiliateId: "aff_1", at: 1_000, dedupWindowMs: 30_000 },
  network,
  limits: DEFAULT_VELOCITY_LIMITS,
});

function shards(o: { visitorsFail?: boolean; visitorsHang?: boolean; networksFail?: boolean } = {}) {
  const calls = { visitors: 0, networks: 0 };
  const s: GuardShards = {
    visitors: () => ({
      recordClickRows: async (rows) => {
        calls.visitors++;
        if (o.visitorsFail) throw new Error("overloaded");
        if (o.visitorsHang) return new Promise(() => {});
        return packVisitorVerdicts(unpackVisitorClicks(rows).map((c, i) => ({ duplicate: i > 0, affiliateClicksLastHour: c.visitor === "v:busy" ? 11 : 1 })));
      },
    }),
    networks: () => ({
      hitRows: async (rows) => {
        calls.networks++;
        if (o.networksFail) throw new Error("overloaded");
        return packVelocities(unpackNetworkHits(rows).map(() => ({ lastMinute: 25, lastHour: 30 })));
      },
    }),
  };
  return { s, calls };
}

describe("guardClicks", () => {
  it("asks each shard once per batch and maps the answers back to each click", async () => {
    const { s, calls } = shards();
    const out = await guardClicks([request("v:a"), request("v:a"), request("v:busy", null)], s);
    expect(out[0]).toEqual({ duplicate: false, reasons: ["ip_velocity_minute"], checked: true });
    expect(out[1].duplicate).toBe(true);
    expect(out[2].reasons).toEqual(["visitor_affiliate_velocity"]);
    expect(calls.networks).toBe(1);
    expect(calls.visitors).toBeLessThanOrEqual(2);
  });

  it("fails open when a shard throws or is too slow", async () => {
    expect(await guardClicks([request("v:a")], shards({ visitorsFail: true }).s)).toEqual([{ duplicate: false, reasons: ["guards_unavailable"], checked: false }]);
    const started = Date.now();
    expect(await guardClicks([request("v:a")], shards({ visitorsHang: true }).s, undefined, 30)).toEqual([{ duplicate: false, reasons: ["guards_unavailable"], checked: false }]);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("keeps the visitor's verdict when only the network shard fails, and says the network went unchecked", async () => {
    expect(await guardClicks([request("v:busy")], shards({ networksFail: true }).s)).toEqual([{ duplicate: false, reasons: ["visitor_affiliate_velocity", "guards_unavailable"], checked: true }]);
  });
});
