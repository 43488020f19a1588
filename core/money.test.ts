import { describe, expect, it } from "vitest";
import { convertMinor, formatMoney, MAX_MINOR_UNITS, minorUnits, minorUnitsSchema, money, moneySchema, rateSchema } from "./money";

describe("money", () => {
  it("formats minor units per locale", () => {
    expect(formatMoney(money(25000, "BRL")).replace(/\s/g, " ")).toBe("R$ 250,00");
    expect(formatMoney(money(1999, "USD"), "en-US")).toBe("$19.99");
    expect(formatMoney(money(1500, "CLP"), "es-CL")).toMatch(/1\.500/);
  });

  it("rejects floats, unknown currencies and unsafe integers", () => {
    expect(moneySchema.safeParse({ amount: 10.5, currency: "BRL" }).success).toBe(false);
    expect(moneySchema.safeParse({ amount: 10, currency: "XXX" }).success).toBe(false);
    // A European shop's currencies, ISK with no minor unit.
    for (const currency of ["CHF", "PLN", "SEK", "DKK", "NOK", "CZK", "HUF", "ISK"]) expect(moneySchema.safeParse({ amount: 1_000, currency }).success, currency).toBe(true);
    expect(convertMinor(100, 1_000_000, "ISK", "EUR")).toBe(10_000);
    expect(moneySchema.safeParse({ amount: 2 ** 60, currency: "BRL" }).success).toBe(false);
  });

  it("caps amounts at MAX_MINOR_UNITS with one message per failure, however large the number", () => {
    const messages = (v: unknown, schema = minorUnitsSchema) => schema.safeParse(v).error?.issues.map((i) => i.message) ?? [];
    // Sums of ~9,000 maximal amounts must stay exact, below 2^53.
    expect(MAX_MINOR_UNITS * 9_000).toBeLessThan(Number.MAX_SAFE_INTEGER);
    expect(messages(MAX_MINOR_UNITS)).toEqual([]);
    expect(messages(0)).toEqual([]);
    for (const v of [MAX_MINOR_UNITS + 1, Number.MAX_SAFE_INTEGER, 9e20, MAX_MINOR_UNITS + 0.5]) expect(messages(v), String(v)).toEqual(["must be at most 1000000000000 (minor units)"]);
    expect(messages(10.5)).toEqual(["must be an integer number of minor units (e.g. centavos)"]);
    for (const v of [-1, -9e20, -1.5]) expect(messages(v), String(v)).toEqual(["must not be negative"]);
    const positive = minorUnits({ positive: true });
    expect(messages(0, positive)).toEqual(["must be positive"]);
    expect(messages(0.5, positive)).toEqual(["must be an integer number of minor units (e.g. centavos)"]);
    expect(messages(9e20, positive)).toEqual(["must be at most 1000000000000 (minor units)"]);
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
