import { describe, expect, it } from "vitest";
import { MAX_MINOR_UNITS } from "../../core/money";
import { conversionDetailsSchema } from "../../core/schemas/tracking";
import { cleanConversion, cleanProps, MAX_AMOUNT } from "./events";

function collect() {
  const warnings: unknown[][] = [];
  return { warnings, warn: (...parts: unknown[]) => void warnings.push(parts) };
}

describe("cleanConversion", () => {
  it("passes a well-formed order through, valid for the server's schema", () => {
    const { warn, warnings } = collect();
    const order = {
      orderId: "PED-1001",
      amount: 25_990,
      currency: "brl",
      coupon: "MARIA10",
      items: [{ sku: "TEN-42", name: "Tênis", quantity: 1, unitAmount: 25_990 }],
    };
    const out = cleanConversion(order, warn);
    expect(out).toEqual({ ...order, currency: "BRL", items: [{ sku: "TEN-42", name: "Tênis", category: undefined, quantity: 1, unitAmount: 25_990 }] });
    expect(conversionDetailsSchema.parse(JSON.parse(JSON.stringify(out)))).toBeTruthy();
    expect(warnings).toEqual([]);
  });

  it("refuses a float or string amount instead of guessing the cents", () => {
    for (const amount of [259.9, "25990", -1, Number.NaN, 2 ** 60, MAX_AMOUNT + 1]) {
      const { warn, warnings } = collect();
      expect(cleanConversion({ orderId: "1", amount, currency: "BRL" }, warn)).toBeNull();
      expect(String(warnings[0]?.[0])).toMatch(/conversion skipped/);
    }
  });

  it("caps amounts as the server does, so one huge order does not get its whole batch refused", () => {
    expect(MAX_AMOUNT).toBe(MAX_MINOR_UNITS);
    expect(cleanConversion({ orderId: "1", amount: MAX_AMOUNT, currency: "BRL" }, () => {})?.amount).toBe(MAX_AMOUNT);
    const { warn, warnings } = collect();
    const out = cleanConversion({ orderId: "1", amount: 100, currency: "BRL", items: [{ sku: "A", quantity: 3, unitAmount: MAX_AMOUNT / 2 }] }, warn);
    expect(out?.items).toBeUndefined();
    expect(conversionDetailsSchema.safeParse(out).success).toBe(true);
    expect(warnings).toHaveLength(1);
  });

  it("refuses an order without an id or currency", () => {
    const { warn, warnings } = collect();
    expect(cleanConversion({ amount: 100, currency: "BRL" }, warn)).toBeNull();
    expect(cleanConversion({ orderId: "1", amount: 100, currency: "R$" }, warn)).toBeNull();
    expect(cleanConversion(undefined, warn)).toBeNull();
    expect(warnings).toHaveLength(3);
  });

  it("accepts numeric order ids and sends them as strings", () => {
    expect(cleanConversion({ orderId: 1001, amount: 100, currency: "USD" }, () => {})?.orderId).toBe("1001");
  });

  it("sends the order without items when any item is malformed, and without an invalid coupon", () => {
    const { warn, warnings } = collect();
    const out = cleanConversion(
      { orderId: "1", amount: 100, currency: "BRL", coupon: "X".repeat(65), items: [{ sku: "A", quantity: 1, unitAmount: 50 }, { sku: "B", quantity: 1, unitAmount: 0.5 }] },
      warn,
    );
    expect(out).toMatchObject({ orderId: "1", amount: 100, currency: "BRL" });
    expect(out?.items).toBeUndefined();
    expect(out?.coupon).toBeUndefined();
    expect(warnings).toHaveLength(1);
  });
});

describe("cleanProps", () => {
  it("keeps strings, finite numbers and booleans; strips control characters; caps lengths", () => {
    const { warn, warnings } = collect();
    const props = cleanProps({ plan: "pro\n", seats: 3, trial: false, nested: { a: 1 }, nan: Number.NaN, long: "x".repeat(600) }, warn);
    expect(props).toEqual({ plan: "pro", seats: 3, trial: false, long: "x".repeat(512) });
    expect(warnings).toHaveLength(1);
  });

  it("keeps at most 25 properties", () => {
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, i]));
    expect(Object.keys(cleanProps(many, () => {}) ?? {})).toHaveLength(25);
  });

  it("gives undefined for nothing usable", () => {
    expect(cleanProps(undefined, () => {})).toBeUndefined();
    expect(cleanProps("plan=pro", () => {})).toBeUndefined();
    expect(cleanProps({}, () => {})).toBeUndefined();
  });
});
