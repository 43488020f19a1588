import { describe, expect, it } from "vitest";
import { isTooFarAhead } from "./instant";
import { conversionInputSchema, refundInputSchema } from "./tracking";

const order = (o: object) => conversionInputSchema.safeParse({ orderId: "DE-10001", amount: 1_000, currency: "EUR", ...o });
const messagesOf = (r: ReturnType<typeof order>) => (r.success ? [] : r.error.issues.map((i) => `${i.path.join("/")}: ${i.message}`));

describe("shop ids", () => {
  it("refuses blank ids, edge spaces and invisible characters, with the field named", () => {
    expect(messagesOf(order({ orderId: "  " }))).toEqual(["orderId: orderId must not start or end with spaces"]);
    expect(messagesOf(order({ orderId: " DE-10001" }))).toEqual(["orderId: orderId must not start or end with spaces"]);
    expect(messagesOf(order({ orderId: "DE-10001\u200b" }))).toEqual(["orderId: orderId must not contain invisible characters (zero-width or direction marks)"]);
    expect(messagesOf(order({ orderId: "\u202eDE-1" }))).toHaveLength(1);
    const refund = refundInputSchema.safeParse({ orderId: "DE-10001", refundId: "", amount: 100, currency: "EUR" });
    expect(refund.success).toBe(false);
  });

  it("keeps ids as sent otherwise: inner spaces, accents, other scripts", () => {
    for (const id of ["DE 10001", "Bestellung-Ä1", "注文-1", "#1001"]) expect(order({ orderId: id }).success, id).toBe(true);
  });
});

describe("isTooFarAhead", () => {
  it("is true only past the lead, whatever the offset the time is written with", () => {
    const now = Date.parse("2026-11-24T12:00:00Z");
    const day = 24 * 3_600_000;
    expect(isTooFarAhead("2099-01-01T00:00:00Z", now, day)).toBe(true);
    expect(isTooFarAhead("2026-11-25T12:00:00Z", now, day)).toBe(false);
    expect(isTooFarAhead("2026-11-25T09:00:01-03:00", now, day)).toBe(true);
    expect(isTooFarAhead("2001-01-01T00:00:00Z", now, day)).toBe(false);
    expect(isTooFarAhead(undefined, now, day)).toBe(false);
  });
});
