import { describe, expect, it } from "vitest";
import { convertMinor, formatMoney, money, moneySchema, rateSchema } from "./money";

describe("money", () => {
  it("formats minor units per locale", () => {
    expect(formatMoney(money(25000, "BRL")).replace(/\s/g, " ")).toBe("R$ 250,00");
    expect(formatMoney(money(1999, "USD"), "en-US")).toBe("$19.99");
    expect(formatMoney(money(1500, "CLP"), "es-CL")).toMatch(/1\.500/);
  });

  it("rejects floats, unknown currencies and unsafe integers", () => {
    expect(moneySchema.safeParse({ amount: 10.5, currency: "BRL" }).success).toBe(false);
    expect(moneySchema.safeParse({ amount: 10, currency: "XXX" }).success).toBe(false);
    expect(moneySchema.safeParse({ amount: 2 ** 60, currency: "BRL" }).success).toBe(false);
  });

  it("converts between currencies in integers, across minor-unit exponents", () => {
    expect(rateSchema.parse("5.123456")).toBe(5_123_456);
    expect(rateSchema.safeParse("0").success).toBe(false);
    expect(rateSchema.safeParse("-1").success).toBe(false);
    expect(convertMinor(1_000, 5_000_000, "USD", "BRL")).toBe(5_000); // US$ 10,00 → R$ 50,00
    expect(convertMinor(1_000, 1_000_000, "BRL", "BRL")).toBe(1_000);
    expect(convertMinor(10_000, 175_500_000, "BRL", "CLP")).toBe(17_550); // R$ 100,00 → CLP 17.550
    expect(convertMinor(1, 500_000, "BRL", "BRL")).toBe(0); // 0.5 → 0 (half to even)
  });
});
