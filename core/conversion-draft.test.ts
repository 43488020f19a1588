import { describe, expect, it } from "vitest";
import { mergeDrafts, type ConversionDraft } from "./conversion-draft";

const draft = (o: Partial<ConversionDraft>): ConversionDraft => ({
  tenantId: "tnt_1", orderId: "pedido-1", eventId: "e", source: "browser", status: "placed", amount: 1, currency: "BRL", items: [], coupon: null,
  clickId: null, clickIdSource: null, visitorId: null, emailHash: null, customerIdHash: null, metadata: {}, country: null, deviceType: null,
  isBot: false, ipHash: null, occurredAt: 0, receivedAt: 0, subscriptionId: null, renewal: null, candidates: {}, ...o,
});

describe("mergeDrafts", () => {
  it("takes the server's figures over the script's, whichever came first in the batch, and keeps the script's identifiers", () => {
    const script = draft({ source: "browser", amount: 5_000_000, currency: "USD", items: [{ sku: "x" }], visitorId: "vis_1", candidates: { cookieClickId: "clk_1" } });
    const server = draft({ source: "s2s", status: "paid", amount: 10_000, currency: "BRL", items: [] });
    for (const batch of [[script, server], [server, script]]) {
      const [merged] = mergeDrafts(batch);
      expect(merged).toMatchObject({ source: "s2s", status: "paid", amount: 10_000, currency: "BRL", items: [], visitorId: "vis_1", candidates: { cookieClickId: "clk_1" } });
    }
  });

  it("between two server reports, the figures follow a move forward to paid or fulfilled, whichever came first in the batch", () => {
    const placed = draft({ source: "s2s", amount: 100 });
    const paid = draft({ source: "s2s", amount: 200, status: "paid" });
    for (const batch of [[placed, paid], [paid, placed]]) expect(mergeDrafts(batch)[0]).toMatchObject({ amount: 200, status: "paid" });
  });

  it("a server's status move that leaves items out keeps its earlier report's items; a script's are not kept", () => {
    const items = [{ sku: "EBIKE-X1", quantity: 1, unitAmount: 249_900 }];
    const placed = draft({ source: "s2s", amount: 249_900, items });
    const paid = draft({ source: "s2s", amount: 249_900, status: "paid", items: null });
    for (const batch of [[placed, paid], [paid, placed]]) expect(mergeDrafts(batch)[0]).toMatchObject({ status: "paid", items });
    expect(mergeDrafts([paid, draft({ source: "s2s", status: "fulfilled", items: [] })])[0]).toMatchObject({ status: "fulfilled", items: [] });
    expect(mergeDrafts([draft({ source: "browser", items }), paid])[0]).toMatchObject({ source: "s2s", items: null });
  });

  it("keeps the figures on a cancellation, and the first one's between two reports at one status", () => {
    const paid = draft({ source: "s2s", amount: 200, status: "paid" });
    expect(mergeDrafts([paid, draft({ source: "s2s", amount: 1, status: "cancelled" })])[0]).toMatchObject({ amount: 200, status: "cancelled" });
    expect(mergeDrafts([paid, draft({ source: "s2s", amount: 300, status: "paid" })])[0]).toMatchObject({ amount: 200, status: "paid" });
  });
});
