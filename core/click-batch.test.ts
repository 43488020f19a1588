import { describe, expect, it } from "vitest";
import { newId } from "./ids";
import { packClicks, type ClickBatchMessage } from "./click-batch";
import type { ClickEvent } from "./schemas/click-event";

const click = (ua = "Mozilla/5.0"): ClickEvent => ({
  type: "click", v: 1, id: newId("click"), ts: Date.now(), tenantId: newId("tenant"), linkId: newId("link"), campaignId: newId("campaign"),
  affiliateId: newId("affiliate"), visitorId: newId("visitor"), subIds: {}, ipHash: null, country: null, userAgent: ua, referrerHost: null, adClickIds: {},
  isDuplicate: false, fraud: { score: 0, reasons: [], flagged: false },
});

describe("packClicks", () => {
  it("keeps every click, in order, at most 100 per message and under the size limit", () => {
    const clicks = [...Array.from({ length: 150 }, () => click()), ...Array.from({ length: 120 }, () => click("x".repeat(512)))];
    const packed = packClicks(clicks);
    const messages = packed.map((p) => JSON.parse(p.message) as ClickBatchMessage);
    expect(messages.flatMap((m) => m.clicks)).toEqual(clicks);
    packed.forEach(({ message, bytes }, i) => {
      expect(messages[i]).toMatchObject({ type: "click_batch", v: 1 });
      expect(messages[i].clicks.length).toBeLessThanOrEqual(100);
      expect(bytes).toBe(new TextEncoder().encode(message).length);
      expect(bytes).toBeLessThan(128 * 1024);
      // The text is exactly what JSON.stringify makes of the message.
      expect(message).toBe(JSON.stringify(messages[i]));
    });
    expect(packClicks([])).toEqual([]);
  });

  // Sub-ids and user agents in other scripts take 2-4 bytes a character; the queue counts bytes.
  it("keeps messages under the queue's limit in UTF-8 bytes, whatever the script", () => {
    const wide = (text: string): ClickEvent => ({ ...click(text.repeat(512).slice(0, 512)), subIds: { sub1: text.repeat(200).slice(0, 200), sub2: text.repeat(200).slice(0, 200) } });
    const clicks = [...Array.from({ length: 100 }, () => wide("ção")), ...Array.from({ length: 100 }, () => wide("日本")), ...Array.from({ length: 30 }, () => wide("😀"))];
    const packed = packClicks(clicks);
    expect(packed.flatMap((p) => (JSON.parse(p.message) as ClickBatchMessage).clicks)).toEqual(clicks);
    for (const { message, bytes } of packed) {
      expect(bytes).toBe(new TextEncoder().encode(message).length);
      expect(bytes).toBeLessThanOrEqual(100_000);
    }
  });
});
