/**
 * Rules a merchant sends are capped (percentages at 100%, fixed amounts at MAX_MINOR_UNITS); rules already
 * stored are read with the bounds they were written under, so a campaign stored at 500% keeps earning.
 */
import { describe, expect, it } from "vitest";
import { readableIssues } from "../issue-messages";
import { MAX_MINOR_UNITS } from "../money";
import { commissionRulesInputSchema, commissionRulesSchema, MAX_RATE_BP } from "./rules";

const base = { version: 1, base: { type: "percentage", bp: 1_000 } };
const over = { type: "percentage", bp: 50_000 };
/** The field errors a caller gets (unions flattened to the member that nearly matched, as the API does). */
const errorsOf = (v: unknown) => readableIssues(commissionRulesInputSchema.safeParse(v).error?.issues ?? []).map((i) => [i.path.join("."), i.message]);

describe("commission rules caps", () => {
  it("refuses a percentage above 100% wherever a rate appears, with one message each", () => {
    const OVER_RATE = "must be at most 10000 (100%)";
    expect(errorsOf({ ...base, base: over })).toEqual([["base.bp", OVER_RATE]]);
    expect(errorsOf({ ...base, firstOrder: over })).toEqual([["firstOrder.bp", OVER_RATE]]);
    expect(errorsOf({ ...base, products: { P: over } })).toEqual([["products.P.bp", OVER_RATE]]);
    expect(errorsOf({ ...base, categories: { books: over } })).toEqual([["categories.books.bp", OVER_RATE]]);
    expect(errorsOf({ ...base, groups: { vip: over } })).toEqual([["groups.vip.bp", OVER_RATE]]);
    expect(errorsOf({ ...base, tiers: [{ fromRevenue: 100, rate: over }] })).toEqual([["tiers.0.rate.bp", OVER_RATE]]);
    expect(commissionRulesInputSchema.safeParse({ ...base, base: { type: "percentage", bp: MAX_RATE_BP } }).success).toBe(true);
    expect(errorsOf({ ...base, base: { type: "percentage", bp: 900000000000000000000 } })).toEqual([["base.bp", OVER_RATE]]);
    expect(errorsOf({ ...base, base: { type: "percentage", bp: -900000000000000000000 } })).toEqual([["base.bp", "must be at least 0"]]);
  });

  it("refuses fixed amounts above MAX_MINOR_UNITS: flat rates, thresholds, bonuses, the minimum order", () => {
    const OVER_MAX = "must be at most 1000000000000 (minor units)";
    const huge = 900000000000000000000;
    expect(errorsOf({ ...base, base: { type: "flat", amount: huge } })).toEqual([["base.amount", OVER_MAX]]);
    expect(errorsOf({ ...base, tiers: [{ fromRevenue: huge, rate: base.base }] })).toEqual([["tiers.0.fromRevenue", OVER_MAX]]);
    expect(errorsOf({ ...base, bonuses: [{ atRevenue: huge, amount: MAX_MINOR_UNITS + 1 }] })).toEqual([["bonuses.0.atRevenue", OVER_MAX], ["bonuses.0.amount", OVER_MAX]]);
    expect(errorsOf({ ...base, minOrderAmount: Number.MAX_SAFE_INTEGER })).toEqual([["minOrderAmount", OVER_MAX]]);
  });

  it("reads stored rules written before the caps as they were", () => {
    const stored = { ...base, base: over, tiers: [{ fromRevenue: 2e12, rate: over }], minOrderAmount: 2e12 };
    expect(commissionRulesSchema.parse(stored)).toMatchObject({ base: over, tiers: [{ fromRevenue: 2e12, rate: over }], minOrderAmount: 2e12 });
  });
});

describe("thresholds", () => {
  it("refuses two tiers or two bonuses at one threshold, naming the second; stored rules still read", () => {
    const base = { version: 1, base: { type: "percentage", bp: 800 } };
    const tiers = [{ fromRevenue: 100_000, rate: { type: "percentage", bp: 2_000 } }, { fromRevenue: 100_000, rate: { type: "percentage", bp: 100 } }];
    expect(errorsOf({ ...base, tiers })).toEqual([["tiers.1.fromRevenue", "another entry already starts at 100000: thresholds must differ"]]);
    expect(errorsOf({ ...base, bonuses: [{ atRevenue: 5, amount: 1 }, { atRevenue: 5, amount: 2 }] })).toEqual([["bonuses.1.atRevenue", "another entry already starts at 5: thresholds must differ"]]);
    expect(errorsOf({ ...base, tiers: [tiers[0], { ...tiers[1], fromRevenue: 200_000 }] })).toEqual([]);
    expect(commissionRulesSchema.safeParse({ ...base, tiers }).success).toBe(true);
  });
});
