/** Every amount a merchant sends (orders, lines, refunds, browser conversions) has the one cap, MAX_MINOR_UNITS. */
import { describe, expect, it } from "vitest";
import { MAX_MINOR_UNITS } from "../money";
import { browserEventSchema, conversionInputSchema, lineItemSchema, refundInputSchema } from "./tracking";

const OVER_MAX = "must be at most 1000000000000 (minor units)";
const issuesOf = (r: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) => r.error?.issues.map((i) => [i.path.join("."), i.message]) ?? [];

describe("amount caps in the tracking schemas", () => {
  it("an order over the cap is one error at its amount; the cap itself passes", () => {
    const order = { orderId: "o-1", currency: "BRL" };
    expect(issuesOf(conversionInputSchema.safeParse({ ...order, amount: 900000000000000000000 }))).toEqual([["amount", OVER_MAX]]);
    expect(issuesOf(conversionInputSchema.safeParse({ ...order, amount: Number.MAX_SAFE_INTEGER }))).toEqual([["amount", OVER_MAX]]);
    expect(conversionInputSchema.safeParse({ ...order, amount: MAX_MINOR_UNITS }).success).toBe(true);
  });

  it("a refund over the cap, or not positive, is one error", () => {
    const r = { orderId: "o-1", currency: "BRL" };
    expect(issuesOf(refundInputSchema.safeParse({ ...r, amount: 9e20 }))).toEqual([["amount", OVER_MAX]]);
    expect(issuesOf(refundInputSchema.safeParse({ ...r, amount: 0 }))).toEqual([["amount", "must be positive"]]);
  });

  it("a line's unit amount and its unit amount × quantity are capped", () => {
    expect(issuesOf(lineItemSchema.safeParse({ sku: "A", quantity: 1, unitAmount: 9e20 }))).toEqual([["unitAmount", OVER_MAX]]);
    expect(issuesOf(lineItemSchema.safeParse({ sku: "A", quantity: 2, unitAmount: MAX_MINOR_UNITS / 2 + 1 }))).toEqual([["unitAmount", "unitAmount × quantity must be at most 1000000000000 (minor units)"]]);
    expect(lineItemSchema.safeParse({ sku: "A", quantity: 2, unitAmount: MAX_MINOR_UNITS / 2 }).success).toBe(true);
  });

  it("a browser conversion over the cap is one error", () => {
    const event = { id: "evt_01JB8Z5Q3X0000000000000000", type: "conversion", url: "https://loja.example/obrigado", conversion: { orderId: "o-1", currency: "BRL", amount: 9e20 } };
    expect(issuesOf(browserEventSchema.safeParse(event))).toEqual([["conversion.amount", OVER_MAX]]);
  });
});
