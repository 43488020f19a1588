/**
 * The commission of one order under a campaign's rules, in integer minor units, with a sentence per part
 * so a merchant and an affiliate can both see why. Percentages round half to even (core/attribution/split).
 */
import { applyBasisPoints, splitByWeights } from "../attribution/split";
import { convertVia, type Currency } from "../money";
import type { CommissionRules, Rate } from "./rules";

/**
 * The currencies of a campaign and of an order, with each one's rate into the merchant's default currency
 * (millionths, 1,000,000 for the default currency itself) from the order's FX snapshot; null when the order
 * has no rate for it. Fixed amounts of the rules are in the campaign's currency.
 */
export interface FxFacts {
  campaignCurrency: Currency;
  orderCurrency: Currency;
  campaignRateMicros: number | null;
  orderRateMicros: number | null;
}

/**
 * A fixed amount of the campaign's currency in the order's currency, at the order's snapshot, in one integer
 * step rounded half to even (core/money.ts convertVia); null when a rate is missing. Unchanged when the
 * currencies are the same (or no FX facts are given).
 */
export function fixedInOrderCurrency(amount: number, fx: FxFacts | undefined): number | null {
  if (!fx || fx.campaignCurrency === fx.orderCurrency) return amount;
  if (fx.campaignRateMicros === null || fx.orderRateMicros === null) return null;
  return convertVia(amount, fx.campaignRateMicros, fx.orderRateMicros, fx.campaignCurrency, fx.orderCurrency);
}

/** An amount of the order's currency in the campaign's (for bonus thresholds); null when a rate is missing. */
export function orderAmountInCampaignCurrency(amount: number, fx: FxFacts | undefined): number | null {
  if (!fx || fx.campaignCurrency === fx.orderCurrency) return amount;
  if (fx.campaignRateMicros === null || fx.orderRateMicros === null) return null;
  return convertVia(amount, fx.orderRateMicros, fx.campaignRateMicros, fx.orderCurrency, fx.campaignCurrency);
}

export interface OrderLine {
  sku: string;
  category?: string;
  quantity: number;
  unitAmount: number;
}

export interface OrderFacts {
  amount: number;
  items: OrderLine[];
  isFirstOrder: boolean;
  /** For renewals of a subscription: months since the first payment (0 for the first). */
  renewalMonth?: number;
  affiliateGroup?: string | null;
  /** The affiliate's paid revenue this month before this order, minor units of the campaign's currency. */
  affiliateMonthRevenue: number;
  /** Currencies and the order's FX snapshot; left out, the campaign and the order share a currency. */
  fx?: FxFacts;
}

export interface Commission {
  /** The whole commission of the order, bonus included. */
  amount: number;
  rulesVersion: number;
  /** Why, for every affiliate of the order (the bonus's sentences are in `bonus`). */
  explanation: string[];
  /**
   * The threshold bonuses, part of `amount`: they belong to the affiliate whose monthly revenue the rules
   * read (the matched one), not to the model's split (`assignBonus`).
   */
  bonus: { amount: number; explanation: string[] };
}

/** A share of an order's commission, as the model split it. */
export interface BonusShare {
  affiliateId: string;
  amount: number;
  explanation: string[];
}

/**
 * The order's bonus to its owner alone (the matched affiliate, whose revenue passed the threshold), outside
 * the model's split: added to that affiliate's share with its explanation; when the model gave that
 * affiliate no share of this order, a share of its own. Shares then sum to the split amount plus the bonus.
 */
export function assignBonus<S extends BonusShare>(shares: S[], bonus: Commission["bonus"], ownerId: string, own: (amount: number, explanation: string[]) => S): S[] {
  if (bonus.amount === 0 && bonus.explanation.length === 0) return shares;
  const i = shares.findIndex((s) => s.affiliateId === ownerId);
  if (i < 0) return bonus.amount > 0 ? [...shares, own(bonus.amount, bonus.explanation)] : shares;
  return shares.map((s, k) => (k === i ? { ...s, amount: s.amount + bonus.amount, explanation: [...s.explanation, ...bonus.explanation] } : s));
}

const noRate = (fx: FxFacts) => `no exchange rate ${fx.campaignCurrency}→${fx.orderCurrency} in the order's snapshot`;
/** The rate in words; a fixed amount in another currency says what it converts to (or that it cannot). */
const describeIn = (r: Rate, fx: FxFacts | undefined) => {
  if (r.type === "percentage") return `${r.bp / 100}%`;
  if (!fx || fx.campaignCurrency === fx.orderCurrency) return `a fixed ${r.amount}`;
  const converted = fixedInOrderCurrency(r.amount, fx);
  return converted === null
    ? `a fixed ${r.amount} ${fx.campaignCurrency} (not paid: ${noRate(fx)})`
    : `a fixed ${r.amount} ${fx.campaignCurrency} (${converted} ${fx.orderCurrency})`;
};
/** A flat rate pays its amount converted into the order's currency, nothing when it cannot be converted. */
const applyIn = (r: Rate, amount: number, fx: FxFacts | undefined) =>
  r.type === "percentage" ? applyBasisPoints(amount, r.bp) : (fixedInOrderCurrency(r.amount, fx) ?? 0);

/** The order-level rate: group, then tier, then first-order, then the base, the most specific first. */
function orderRate(rules: CommissionRules, o: OrderFacts): { rate: Rate; why: string } {
  if (o.affiliateGroup && rules.groups[o.affiliateGroup]) return { rate: rules.groups[o.affiliateGroup], why: `group ${o.affiliateGroup}` };
  const tier = [...rules.tiers].sort((a, b) => b.fromRevenue - a.fromRevenue).find((t) => o.affiliateMonthRevenue >= t.fromRevenue);
  if (tier) return { rate: tier.rate, why: `tier from ${tier.fromRevenue} of monthly revenue` };
  if (o.isFirstOrder && rules.firstOrder) return { rate: rules.firstOrder, why: "first order" };
  return { rate: rules.base, why: "base rate" };
}

export function computeCommission(rules: CommissionRules, o: OrderFacts): Commission {
  const explanation: string[] = [];
  const bonusExplanation: string[] = [];
  let bonusAmount = 0;
  const none = { amount: 0, explanation: [] };
  if (o.renewalMonth && o.renewalMonth > 0 && rules.recurringMonths !== null && o.renewalMonth > rules.recurringMonths) {
    return { amount: 0, rulesVersion: rules.version, bonus: none, explanation: [`renewal month ${o.renewalMonth} is past the ${rules.recurringMonths} recurring months`] };
  }
  if (rules.minOrderAmount > 0) {
    const min = fixedInOrderCurrency(rules.minOrderAmount, o.fx);
    // Without a rate the minimum cannot be checked: nothing is paid rather than guessing the order passes it.
    if (min === null) return { amount: 0, rulesVersion: rules.version, bonus: none, explanation: [`the minimum order of ${rules.minOrderAmount} ${o.fx!.campaignCurrency} cannot be checked: ${noRate(o.fx!)}`] };
    if (o.amount < min) {
      const inOrder = min === rules.minOrderAmount && (!o.fx || o.fx.campaignCurrency === o.fx.orderCurrency) ? `${min}` : `${rules.minOrderAmount} ${o.fx!.campaignCurrency} (${min} ${o.fx!.orderCurrency})`;
      return { amount: 0, rulesVersion: rules.version, bonus: none, explanation: [`order of ${o.amount} is under the minimum of ${inOrder}`] };
    }
  }
  if (rules.newCustomersOnly && !o.isFirstOrder) {
    return { amount: 0, rulesVersion: rules.version, bonus: none, explanation: ["the campaign pays on new customers' first orders only"] };
  }
  const { rate, why } = orderRate(rules, o);
  let amount = 0;
  if (o.items.length === 0) {
    amount = applyIn(rate, o.amount, o.fx);
    explanation.push(`${describeIn(rate, o.fx)} of ${o.amount} (${why}) = ${amount}`);
  } else {
    // The order's amount is what was paid (after discounts, with shipping): it is shared over the lines in
    // proportion to their totals, largest remainder, so the parts add up to it exactly; rates apply to the parts.
    const totals = o.items.map((line) => line.quantity * line.unitAmount);
    const listed = totals.reduce((a, b) => a + b, 0);
    const parts = listed === o.amount ? totals : splitByWeights(o.amount, totals);
    if (listed !== o.amount) explanation.push(`the order's ${o.amount} shared over its lines in proportion to their totals (${totals.join(" + ")} = ${listed})`);
    // A flat order-level rate is paid once per order, not once per line, and only when some line is not excluded.
    let rest = 0;
    let included = false;
    for (const [i, line] of o.items.entries()) {
      const lineAmount = parts[i];
      if (line.category && rules.excludedCategories.includes(line.category)) {
        explanation.push(`${line.sku}: category ${line.category} earns nothing`);
        continue;
      }
      included = true;
      const product = rules.products[line.sku];
      const category = line.category ? rules.categories[line.category] : undefined;
      const special = product ?? category;
      if (special) {
        const part = applyIn(special, lineAmount, o.fx);
        amount += part;
        explanation.push(`${line.sku}: ${describeIn(special, o.fx)} of ${lineAmount} (${product ? "product" : `category ${line.category}`}) = ${part}`);
      } else rest += lineAmount;
    }
    if (rest > 0 || (rate.type === "flat" && amount === 0 && included)) {
      const part = applyIn(rate, rest, o.fx);
      amount += part;
      explanation.push(`${describeIn(rate, o.fx)} of ${rest} (${why}) = ${part}`);
    }
  }
  // Monthly revenue and thresholds are in the campaign's currency: the order counts converted into it.
  const before = o.affiliateMonthRevenue;
  const orderInCampaign = orderAmountInCampaignCurrency(o.amount, o.fx);
  for (const bonus of rules.bonuses) {
    if (orderInCampaign === null) {
      if (before < bonus.atRevenue) bonusExplanation.push(`bonus ${bonus.amount} ${o.fx!.campaignCurrency} not considered: ${noRate(o.fx!)}`);
      continue;
    }
    if (before < bonus.atRevenue && before + orderInCampaign >= bonus.atRevenue) {
      const paid = fixedInOrderCurrency(bonus.amount, o.fx)!;
      bonusAmount += paid;
      const shown = paid === bonus.amount && (!o.fx || o.fx.campaignCurrency === o.fx.orderCurrency) ? `${paid}` : `${bonus.amount} ${o.fx!.campaignCurrency} (${paid} ${o.fx!.orderCurrency})`;
      bonusExplanation.push(`bonus ${shown} for passing ${bonus.atRevenue} of monthly revenue`);
    }
  }
  return { amount: amount + bonusAmount, rulesVersion: rules.version, explanation, bonus: { amount: bonusAmount, explanation: bonusExplanation } };
}
