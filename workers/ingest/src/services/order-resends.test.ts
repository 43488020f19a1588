import { describe, expect, it } from "vitest";
import type { ConversionDraft } from "../../../../core/conversion-draft";
import { resentFigures, sameFigures } from "./order-resends";
import type { StoredOrder } from "./server-figures";

const draft = (o: Partial<ConversionDraft>): ConversionDraft => ({
  tenantId: "tnt_1", orderId: "W-3002", eventId: "W-3002", source: "s2s", status: "paid", amount: 12_000, currency: "BRL", items: [], coupon: null,
  clickId: null, clickIdSource: null, visitorId: null, emailHash: null, customerIdHash: null, metadata: {}, country: null, deviceType: null,
  isBot: false, ipHash: null, occurredAt: 0, receivedAt: 0, subscriptionId: null, renewal: null, candidates: {}, ...o,
});
const stored = (o: Partial<StoredOrder>) =>
  new Map([["tnt_1|W-3002", { tenant_id: "tnt_1", order_id: "W-3002", status: "paid", amount: "12000", currency: "BRL", items: [], source: "s2s", ...o }]]);
const reasons = (d: ConversionDraft, before: Map<string, StoredOrder>) => resentFigures([d], before).map((n) => n.reason);

describe("sameFigures", () => {
  it("compares items by content, whatever the order of their keys (jsonb's)", () => {
    const items = [{ sku: "a", quantity: 1, unitAmount: 500 }];
    expect(sameFigures({ amount: "500", currency: "BRL", items }, { amount: 500, currency: "BRL", items: [{ unitAmount: 500, sku: "a", quantity: 1 }] })).toBe(true);
    expect(sameFigures({ amount: 500, currency: "BRL", items }, { amount: 500, currency: "BRL", items: [{ ...items[0], quantity: 2 }] })).toBe(false);
    expect(sameFigures({ amount: 500, currency: "BRL", items: [] }, { amount: 500, currency: "USD", items: [] })).toBe(false);
  });
});

describe("resentFigures", () => {
  it("tells of other figures at the stored status, and says what the order keeps", () => {
    const [notice] = resentFigures([draft({ amount: 15_000 })], stored({}));
    expect(notice.reason).toBe(
      "order W-3002 resent with amount 15000 BRL at status paid; it keeps 12000 BRL: an order's figures change only with a status move forward (placed → paid → fulfilled) or a refund",
    );
    expect(notice.payload).toMatchObject({ type: "conversion", tenantId: "tnt_1", orderId: "W-3002", amount: 15_000 });
  });

  it("tells of other items alone, and says nothing of a late delivery at an older status", () => {
    expect(reasons(draft({ status: "placed", amount: 10_000 }), stored({}))).toEqual([]);
    expect(reasons(draft({ items: [{ sku: "b", quantity: 1, unitAmount: 12_000 }] }), stored({}))[0]).toMatch(/^order W-3002 resent with other items at status paid; it keeps its items:/);
  });

  it("items left out are not other items: a resend without them tells nothing, unless its amount differs", () => {
    const items = [{ sku: "b", quantity: 1, unitAmount: 12_000 }];
    expect(reasons(draft({ items: null }), stored({ items }))).toEqual([]);
    expect(reasons(draft({ items: null, amount: 15_000 }), stored({ items }))[0]).toMatch(/^order W-3002 resent with amount 15000 BRL at status paid; it keeps 12000 BRL:/);
  });

  it("says nothing of a duplicate, a move forward, a script's order or a new one", () => {
    expect(reasons(draft({}), stored({}))).toEqual([]);
    expect(reasons(draft({ status: "fulfilled", amount: 1 }), stored({}))).toEqual([]);
    expect(reasons(draft({ status: "cancelled", amount: 1 }), stored({}))).toEqual([]);
    expect(reasons(draft({ amount: 1 }), stored({ source: "browser", status: "placed" }))).toEqual([]);
    expect(reasons(draft({ amount: 1 }), new Map())).toEqual([]);
    expect(reasons(draft({ source: "browser", status: "placed", amount: 1 }), stored({}))).toEqual([]);
  });
});
