import { describe, expect, it } from "vitest";
import { earlyRefundNotices, REFUNDS_BEFORE_ORDER_SOURCE } from "./refunds-before-order";

const order = { tenantId: "tnt_1", orderId: "1001", amount: 5_000, currency: "BRL" };

describe("earlyRefundNotices", () => {
  it("says nothing when the refunds stored first fit the order", () => {
    expect(earlyRefundNotices(order, [])).toEqual([]);
    expect(earlyRefundNotices(order, [{ refundKey: "r-1", amount: 2_000, currency: "BRL" }, { refundKey: "r-2", amount: 3_000, currency: "BRL" }])).toEqual([]);
  });

  it("tells of refunds adding up to more than the order, naming each", () => {
    const [notice, ...rest] = earlyRefundNotices(order, [{ refundKey: "r-1", amount: 4_000, currency: "BRL" }, { refundKey: "derived:ab12", amount: 2_000, currency: "BRL" }]);
    expect(rest).toEqual([]);
    expect(notice).toMatchObject({ source: REFUNDS_BEFORE_ORDER_SOURCE, attempts: 0, payload: { type: "conversion", tenantId: "tnt_1", orderId: "1001" } });
    expect(notice.reason).toBe(
      "refunds stored before order 1001 arrived add up to 6000 BRL, more than its 5000 BRL (refund r-1 of 4000 BRL, a refund of 2000 BRL sent without a refund id): its commissions were taken back whole; check the refunds sent for it",
    );
  });

  it("tells of each refund in another currency, which is never applied, and leaves it out of the total", () => {
    const notices = earlyRefundNotices(order, [{ refundKey: "r-usd", amount: 9_000, currency: "USD" }, { refundKey: "r-1", amount: 1_000, currency: "BRL" }]);
    expect(notices.map((n) => n.reason)).toEqual([
      "refund r-usd of 9000 USD was stored before order 1001 arrived, which is in BRL: it was not applied; send it again in BRL under a new refund id",
    ]);
  });
});
