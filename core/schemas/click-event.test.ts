import { describe, expect, it } from "vitest";
import { newId } from "../ids";
import { packClicks, type ClickEvent } from "./click-event";

const click = (ua = "Mozilla/5.0"): ClickEvent => ({
  type: "click", v: 1, id: newId("click"), ts: Date.now(), tenantId: newId("tenant"), linkId: newId("link"), campaignId: newId("campaign"),
  affiliateId: newId("affiliate"), visitorId: newId("visitor"), subIds: {}, ipHash: null, country: null, userAgent: ua, referrerHost: null, adClickIds: {},
  isDuplicate: false, fraud: { score: 0, reasons: [], flagged: false },
});

describe("packClicks", () => {
  it("keeps every click, in order, at most 100 per message and under the size limit", () => {
    const clicks = [...Array.from({ length: 150 }, () => click()), ...Array.from({ length: 120 }, () => click("x".repeat(512)))];
    const packed = packClicks(clicks);
    expect(packed.flatMap((p) => p.message.clicks)).toEqual(clicks);
    for (const { message, bytes } of packed) {
      expect(message.clicks.length).toBeLessThanOrEqual(100);
      expect(JSON.stringify(message).length).toBeLessThan(128 * 1024);
      // The size it reports is the message's JSON length (a separator per click, one too many: an upper bound).
      expect(bytes - JSON.stringify(message).length).toBe(1);
    }
    expect(packClicks([])).toEqual([]);
  });
});
