import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeCommission, type OrderFacts } from "./compute";
import { commissionRulesSchema } from "./rules";

const rules = commissionRulesSchema.parse({
  version: 3,
  base: { type: "percentage", bp: 1_000 },
  firstOrder: { type: "percentage", bp: 1_500 },
  categories: { eletronicos: { type: "percentage", bp: 300 } },
  products: { "TV-OLED": { type: "flat", amount: 1_500 } },
  excludedCategories: ["vale-presente"],
  tiers: [{ fromRevenue: 1_000_000, rate: { type: "percentage", bp: 1_200 } }],
  groups: { vip: { type: "percentage", bp: 2_000 } },
  bonuses: [{ atRevenue: 500_000, amount: 10_000 }],
  recurringMonths: 12,
});
const order: OrderFacts = { amount: 25_000, items: [], isFirstOrder: false, affiliateMonthRevenue: 0 };

describe("commission rules", () => {
  it("pays the base rate, more on a first order, the group's and the tier's rates", () => {
    expect(computeCommission(rules, order)).toMatchObject({ amount: 2_500, rulesVersion: 3 }); // R$ 250,00 → R$ 25,00
    expect(computeCommission(rules, { ...order, isFirstOrder: true }).amount).toBe(3_750);
    expect(computeCommission(rules, { ...order, affiliateGroup: "vip" }).amount).toBe(5_000);
    expect(computeCommission(rules, { ...order, affiliateMonthRevenue: 1_000_000 }).amount).toBe(3_000);
  });

  it("applies category rates and exclusions per line, and explains each part", () => {
    const c = computeCommission(rules, {
      ...order,
      amount: 30_000,
      items: [
        { sku: "TV", category: "eletronicos", quantity: 1, unitAmount: 20_000 },
        { sku: "GIFT", category: "vale-presente", quantity: 1, unitAmount: 5_000 },
        { sku: "CASE", quantity: 1, unitAmount: 5_000 },
      ],
    });
    expect(c.amount).toBe(600 + 500);
    expect(c.explanation).toEqual(["TV: 3% of 20000 (category eletronicos) = 600", "GIFT: category vale-presente earns nothing", "10% of 5000 (base rate) = 500"]);
  });

  it("prefers a product's own rate to its category's", () => {
    const c = computeCommission(rules, { ...order, amount: 50_000, items: [{ sku: "TV-OLED", category: "eletronicos", quantity: 1, unitAmount: 50_000 }] });
    expect(c).toMatchObject({ amount: 1_500, explanation: ["TV-OLED: a fixed 1500 of 50000 (product) = 1500"] });
  });

  it("pays a bonus once, when the month's revenue passes its threshold", () => {
    expect(computeCommission(rules, { ...order, affiliateMonthRevenue: 490_000 }).amount).toBe(2_500 + 10_000);
    expect(computeCommission(rules, { ...order, affiliateMonthRevenue: 510_000 }).amount).toBe(2_500);
  });

  it("pays nothing under the minimum order, nor on repeat orders of a new-customer campaign", () => {
    const strict = commissionRulesSchema.parse({ version: 1, base: { type: "percentage", bp: 1_000 }, minOrderAmount: 5_000, newCustomersOnly: true });
    expect(computeCommission(strict, { ...order, amount: 4_999, isFirstOrder: true })).toMatchObject({ amount: 0, explanation: ["order of 4999 is under the minimum of 5000"] });
    expect(computeCommission(strict, { ...order, isFirstOrder: false }).amount).toBe(0);
    expect(computeCommission(strict, { ...order, isFirstOrder: true }).amount).toBe(2_500);
  });

  it("pays renewals only for the recurring months", () => {
    expect(computeCommission(rules, { ...order, renewalMonth: 12 }).amount).toBe(2_500);
    expect(computeCommission(rules, { ...order, renewalMonth: 13 }).amount).toBe(0);
  });

  it("is always a non-negative integer and never more than the order at ≤ 100%", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 0, max: 10_000 }), (amount, bp) => {
        const r = commissionRulesSchema.parse({ version: 1, base: { type: "percentage", bp } });
        const c = computeCommission(r, { ...order, amount });
        expect(Number.isInteger(c.amount) && c.amount >= 0 && c.amount <= amount).toBe(true);
      }),
    );
  });
});
