import { describe, expect, it } from "vitest";
import { formatMoney, money, moneySchema } from "./money";

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
});
