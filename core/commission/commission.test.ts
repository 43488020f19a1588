import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { attribute } from "../attribution/attribute";
import { EVERY_MODEL } from "../attribution/models.fixture";
import { assignBonus, computeCommission, type OrderFacts } from "./compute";
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

  describe("fixed amounts in the campaign's currency", () => {
    // A BRL campaign (BRL is the merchant's default currency), a USD order at 5.5 BRL per USD.
    const usd = { campaignCurrency: "BRL", orderCurrency: "USD", campaignRateMicros: 1_000_000, orderRateMicros: 5_500_000 } as const;
    const flat = commissionRulesSchema.parse({ version: 1, base: { type: "flat", amount: 500 } });

    it("converts a flat rate into the order's currency at its snapshot, half to even", () => {
      const c = computeCommission(flat, { ...order, amount: 10_000, fx: usd });
      expect(c).toMatchObject({ amount: 91, explanation: ["a fixed 500 BRL (91 USD) of 10000 (base rate) = 91"] });
      // The same order in BRL pays the amount as it is.
      expect(computeCommission(flat, { ...order, amount: 10_000 }).amount).toBe(500);
    });

    it("converts product rates, bonuses, the minimum order and compares monthly revenue in the campaign's currency", () => {
      const r = commissionRulesSchema.parse({
        version: 1, base: { type: "percentage", bp: 1_000 }, products: { P: { type: "flat", amount: 1_100 } },
        bonuses: [{ atRevenue: 100_000, amount: 11_000 }], minOrderAmount: 5_500,
      });
      // 999 USD is 5494.5 BRL, under the 5500 BRL minimum (1000 USD).
      expect(computeCommission(r, { ...order, amount: 999, fx: usd }).amount).toBe(0);
      expect(computeCommission(r, { ...order, amount: 1_000, fx: usd }).amount).toBe(100);
      expect(computeCommission(r, { ...order, amount: 2_000, items: [{ sku: "P", quantity: 1, unitAmount: 2_000 }], fx: usd }).amount).toBe(200);
      // 90,000 BRL before, 2,000 USD = 11,000 BRL passes 100,000 BRL: the 11,000 BRL bonus is 2,000 USD.
      const b = computeCommission(r, { ...order, amount: 2_000, affiliateMonthRevenue: 90_000, fx: usd });
      expect(b.amount).toBe(200 + 2_000);
      expect(b.bonus).toEqual({ amount: 2_000, explanation: ["bonus 11000 BRL (2000 USD) for passing 100000 of monthly revenue"] });
      // 98,000 BRL + 1,000 USD (5,500 BRL) passes; raw 98,000 + 1,000 did not.
      expect(computeCommission(r, { ...order, amount: 1_000, affiliateMonthRevenue: 98_000, fx: usd }).amount).toBe(100 + 2_000);
    });

    it("pays no fixed amount, and says so, when the order has no rate for the conversion", () => {
      const none = { ...usd, orderRateMicros: null };
      const c = computeCommission(flat, { ...order, amount: 10_000, fx: none });
      expect(c).toMatchObject({ amount: 0, explanation: ["a fixed 500 BRL (not paid: no exchange rate BRL→USD in the order's snapshot) of 10000 (base rate) = 0"] });
      const min = commissionRulesSchema.parse({ version: 1, base: { type: "percentage", bp: 1_000 }, minOrderAmount: 100 });
      expect(computeCommission(min, { ...order, amount: 10_000, fx: none }).amount).toBe(0);
      // Percentages need no rate.
      expect(computeCommission(rules, { ...order, fx: none }).amount).toBe(2_500);
    });
  });

  it("pays no flat order-level rate on an order made only of excluded items", () => {
    const flat = commissionRulesSchema.parse({ version: 1, base: { type: "flat", amount: 500 }, excludedCategories: ["giftcard"] });
    const gift = { ...order, amount: 10_000, items: [{ sku: "GC100", category: "giftcard", quantity: 1, unitAmount: 10_000 }] };
    expect(computeCommission(flat, gift)).toMatchObject({ amount: 0, explanation: ["GC100: category giftcard earns nothing"] });
    // One line that is not excluded is enough for the order's flat 500, paid once.
    const mixed = { ...gift, amount: 12_000, items: [...gift.items, { sku: "MUG", quantity: 1, unitAmount: 2_000 }] };
    expect(computeCommission(flat, mixed).amount).toBe(500);
  });

  it("shares the order's amount (what was paid) over its lines in proportion to their totals", () => {
    const twenty = commissionRulesSchema.parse({ version: 1, base: { type: "percentage", bp: 2_000 }, categories: { books: { type: "percentage", bp: 1_000 } } });
    const c = computeCommission(twenty, { ...order, amount: 8_000, items: [{ sku: "A", quantity: 1, unitAmount: 10_000 }] });
    expect(c).toMatchObject({ amount: 1_600, explanation: ["the order's 8000 shared over its lines in proportion to their totals (10000 = 10000)", "20% of 8000 (base rate) = 1600"] });
    // 1000 over 1:1:1 → 334, 333, 333 (largest remainder, ties to the first line).
    const three = computeCommission(twenty, {
      ...order, amount: 1_000,
      items: [{ sku: "B", category: "books", quantity: 1, unitAmount: 500 }, { sku: "C", quantity: 1, unitAmount: 500 }, { sku: "D", quantity: 1, unitAmount: 500 }],
    });
    expect(three.explanation).toContain("B: 10% of 334 (category books) = 33");
    expect(three.explanation).toContain("20% of 666 (base rate) = 133");
  });

  it("rates lines on parts that add up exactly to the order's amount", () => {
    const line = fc.record({ sku: fc.constantFrom("A", "B", "C"), quantity: fc.integer({ min: 1, max: 5 }), unitAmount: fc.integer({ min: 0, max: 100_000 }) });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.array(line, { minLength: 1, maxLength: 6 }), (amount, items) => {
        // At 100% every line pays its part: the commission is the order's amount, whatever the lines say.
        const all = commissionRulesSchema.parse({ version: 1, base: { type: "percentage", bp: 10_000 } });
        expect(computeCommission(all, { ...order, amount, items }).amount).toBe(amount);
      }),
    );
  });

  describe("a threshold bonus belongs to the affiliate whose revenue passed it", () => {
    it("is kept apart from the explanation shared by every affiliate", () => {
      const c = computeCommission(rules, { ...order, affiliateMonthRevenue: 490_000 });
      expect(c).toMatchObject({ amount: 2_500 + 10_000, bonus: { amount: 10_000, explanation: ["bonus 10000 for passing 500000 of monthly revenue"] } });
      expect(c.explanation.some((e) => e.startsWith("bonus"))).toBe(false);
    });

    it("goes to the matched affiliate alone, outside the model's split", () => {
      const c = computeCommission(rules, { ...order, affiliateMonthRevenue: 490_000 });
      const touches = [{ affiliateId: "aff_a", at: 0 }, { affiliateId: "aff_b", at: 1 }];
      const split = attribute({ touches, conversionAt: 2, windowDays: 30, model: { kind: "linear" }, commission: c.amount - c.bonus.amount });
      const own = (amount: number, explanation: string[]) => ({ affiliateId: "aff_b", amount, explanation });
      const shares = assignBonus(split.map((s) => ({ ...s, explanation: [s.explanation] })), c.bonus, "aff_b", own);
      expect(shares.map((s) => [s.affiliateId, s.amount])).toEqual([["aff_a", 1_250], ["aff_b", 1_250 + 10_000]]);
      expect(shares[0].explanation.join(" ")).not.toContain("bonus");
      expect(shares[1].explanation).toContain("bonus 10000 for passing 500000 of monthly revenue");
    });

    it("keeps shares summing exactly to the commission, the others' shares as the model split them", () => {
      const HOUR = 3_600_000;
      const touchesArb = fc.array(fc.record({ affiliateId: fc.constantFrom("aff_a", "aff_b", "aff_c"), at: fc.integer({ min: 0, max: 29 * 24 * HOUR }) }), { minLength: 1, maxLength: 8 });
      fc.assert(
        fc.property(touchesArb, fc.constantFrom(...EVERY_MODEL), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 100_000 }), fc.constantFrom("aff_a", "aff_b", "aff_z"),
          (touches, model, base, bonusAmount, owner) => {
            const split = attribute({ touches, conversionAt: 30 * 24 * HOUR, windowDays: 30, model, commission: base });
            const bonus = { amount: bonusAmount, explanation: [`bonus ${bonusAmount}`] };
            const shares = assignBonus(split.map((s) => ({ affiliateId: s.affiliateId, amount: s.amount, explanation: [] as string[] })), bonus, owner,
              (amount, explanation) => ({ affiliateId: owner, amount, explanation }));
            expect(shares.reduce((a, s) => a + s.amount, 0)).toBe(base + bonusAmount);
            for (const s of shares) {
              const before = split.find((x) => x.affiliateId === s.affiliateId)?.amount ?? 0;
              expect(s.amount).toBe(s.affiliateId === owner ? before + bonusAmount : before);
              expect(s.explanation.length > 0).toBe(s.affiliateId === owner && (bonusAmount > 0 || split.some((x) => x.affiliateId === owner)));
            }
          }),
      );
    });
  });
});
