/**
 * Commission rules: declarative, zod-validated JSON stored per campaign and versioned. Rates are basis
 * points (1,000 bp = 10%), fixed amounts are minor units of the campaign's currency.
 */
import { z } from "zod";

const bp = z.number().int().min(0).max(100_000);
const minor = z.number().int().min(0);

export const rateSchema = z.union([
  z.object({ type: z.literal("percentage"), bp }),
  z.object({ type: z.literal("flat"), amount: minor }),
]);
export type Rate = z.infer<typeof rateSchema>;

export const commissionRulesSchema = z.object({
  version: z.number().int().min(1),
  /** The rate when nothing more specific applies. */
  base: rateSchema,
  /** A different rate on a customer's first order (e.g. 15% on new customers, 5% on repeat ones). */
  firstOrder: rateSchema.optional(),
  /** Per product (SKU): the most specific rate, before categories. */
  products: z.record(z.string().min(1), rateSchema).default({}),
  /** Per category of line item; products in no listed category take the order-level rate. */
  categories: z.record(z.string().min(1), rateSchema).default({}),
  /** Categories that earn nothing (gift cards, shipping). */
  excludedCategories: z.array(z.string()).default([]),
  /** By the affiliate's paid revenue in the current month, ascending thresholds: the highest reached wins. */
  tiers: z.array(z.object({ fromRevenue: minor, rate: rateSchema })).default([]),
  /** Affiliate groups with their own rate (VIP, influencers). */
  groups: z.record(z.string().min(1), rateSchema).default({}),
  /** A one-off bonus when the affiliate's monthly revenue first passes a threshold. */
  bonuses: z.array(z.object({ atRevenue: minor, amount: minor })).default([]),
  /** Orders below this amount (minor units) earn nothing. */
  minOrderAmount: minor.default(0),
  /** Only a customer's first order earns (new-customer campaigns). */
  newCustomersOnly: z.boolean().default(false),
  /** Subscriptions: renewals earn for this many months (null: for as long as the subscription lasts). */
  recurringMonths: z.number().int().min(0).nullable().default(0),
});
export type CommissionRules = z.infer<typeof commissionRulesSchema>;
