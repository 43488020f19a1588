/**
 * Commission rules: declarative, zod-validated JSON stored per campaign and versioned. Rates are basis
 * points (1,000 bp = 10%), fixed amounts are minor units of the campaign's currency.
 *
 * Two schemas of one shape: `commissionRulesInputSchema` for rules a merchant sends, with the caps (no
 * rate above 100%, no amount above MAX_MINOR_UNITS), and `commissionRulesSchema` for rules as stored,
 * with the bounds they were written under. A campaign stored before a cap keeps earning as it did: were
 * its rules read with the input schema they would no longer parse, and the campaign would stop earning
 * in silence.
 */
import { z } from "zod";
import { minorUnitsSchema } from "../money";

/** 10,000 bp = 100%: a percentage commission never pays more than the amount it is taken from. */
export const MAX_RATE_BP = 10_000;

/** The bounds rules were stored under before the caps; only for reading what is stored. */
const STORED_MAX_BP = 100_000;

/**
 * Two tiers (or bonuses) at one threshold leave which one applies to the order the rules were sorted in:
 * refused in what merchants send, with the threshold named. Stored rules are read as they are.
 */
function distinctThresholds<T extends z.ZodType<Record<K, number>[]>, K extends string>(list: T, key: K, checked: boolean) {
  if (!checked) return list;
  return list.superRefine((items, ctx) => {
    const seen = new Set<number>();
    items.forEach((item, i) => {
      if (seen.has(item[key])) ctx.addIssue({ code: "custom", path: [i, key], message: `another entry already starts at ${item[key]}: thresholds must differ` });
      seen.add(item[key]);
    });
  });
}

function commissionRulesShape(bp: z.ZodType<number>, minor: z.ZodType<number>, checked = false) {
  const rate = z.union([
    z.object({ type: z.literal("percentage"), bp }),
    z.object({ type: z.literal("flat"), amount: minor }),
  ]);
  return {
    rate,
    rules: z.object({
      version: z.number().int().min(1),
      /** The rate when nothing more specific applies. */
      base: rate,
      /** A different rate on a customer's first order (e.g. 15% on new customers, 5% on repeat ones). */
      firstOrder: rate.optional(),
      /** Per product (SKU): the most specific rate, before categories. */
      products: z.record(z.string().min(1), rate).default({}),
      /** Per category of line item; products in no listed category take the order-level rate. */
      categories: z.record(z.string().min(1), rate).default({}),
      /** Categories that earn nothing (gift cards, shipping). */
      excludedCategories: z.array(z.string()).default([]),
      /** By the affiliate's paid revenue in the current month, ascending thresholds: the highest reached wins. */
      tiers: distinctThresholds(z.array(z.object({ fromRevenue: minor, rate })), "fromRevenue", checked).default([]),
      /** Affiliate groups with their own rate (VIP, influencers). */
      groups: z.record(z.string().min(1), rate).default({}),
      /** A one-off bonus when the affiliate's monthly revenue first passes a threshold. */
      bonuses: distinctThresholds(z.array(z.object({ atRevenue: minor, amount: minor })), "atRevenue", checked).default([]),
      /** Orders below this amount (minor units) earn nothing. */
      minOrderAmount: minor.default(0),
      /** Only a customer's first order earns (new-customer campaigns). */
      newCustomersOnly: z.boolean().default(false),
      /** Subscriptions: renewals earn for this many months (null: for as long as the subscription lasts). */
      recurringMonths: z.number().int().min(0).nullable().default(0),
    }),
  };
}

/** Bounds first, stopping the rest, so 9 × 10^20 bp is one error (not also zod's safe-integer one), as for amounts. */
const inputBp = z
  .number()
  .min(0, { abort: true })
  .max(MAX_RATE_BP, { message: `must be at most ${MAX_RATE_BP} (100%)`, abort: true })
  .int();
const input = commissionRulesShape(inputBp, minorUnitsSchema, true);
const stored = commissionRulesShape(z.number().int().min(0).max(STORED_MAX_BP), z.number().int().min(0));

/** Rules as a merchant sends them (the API's campaign bodies): rates at most 100%, amounts at most MAX_MINOR_UNITS. */
export const commissionRulesInputSchema = input.rules;

/** A rate as stored (see the top of this file). */
export const rateSchema = stored.rate;
/** Rules as stored: what commissions are computed with and campaigns are shown with. */
export const commissionRulesSchema = stored.rules;
export type Rate = z.infer<typeof rateSchema>;
export type CommissionRules = z.infer<typeof commissionRulesSchema>;
