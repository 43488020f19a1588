import { describe, expect, it } from "vitest";
import { DEFAULT_VELOCITY_LIMITS } from "../core/fraud";
import { guardClick, type GuardStubs } from "./click-guard";

const click = { linkId: "lnk_1", affiliateId: "aff_1", at: 1_000, dedupWindowMs: 30_000 };
const ok: GuardStubs = {
  visitor: { recordClick: async () => ({ duplicate: true, affiliateClicksLastHour: 11 }) },
  ip: { hit: async () => ({ lastMinute: 25, lastHour: 30 }) },
};

describe("guardClick", () => {
  it("turns the objects' answers into duplicate and velocity signals", async () => {
    expect(await guardClick(ok, click, DEFAULT_VELOCITY_LIMITS)).toEqual({ duplicate: true, reasons: ["ip_velocity_minute", "visitor_affiliate_velocity"], checked: true });
  });

  it("fails open when an object throws", async () => {
    const failing: GuardStubs = { ...ok, ip: { hit: async () => Promise.reject(new Error("overloaded")) } };
    expect(await guardClick(failing, click, DEFAULT_VELOCITY_LIMITS)).toEqual({ duplicate: false, reasons: [], checked: false });
  });

  it("fails open when an object is too slow", async () => {
    const slow: GuardStubs = { ...ok, visitor: { recordClick: () => new Promise(() => {}) } };
    const started = Date.now();
    expect(await guardClick(slow, click, DEFAULT_VELOCITY_LIMITS, 30)).toEqual({ duplicate: false, reasons: [], checked: false });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("works without an IP to count by", async () => {
    expect((await guardClick({ ...ok, ip: null }, click, DEFAULT_VELOCITY_LIMITS)).reasons).toEqual(["visitor_affiliate_velocity"]);
  });
});
