/**
 * The commission of one order under a campaign's rules, in integer minor units, with a sentence per part
 * so a merchant and an affiliate can both see why. Percentages round half to even (core/attribution/split).
 */
import { applyBasisPoints } from "../attribution/split";
import type { CommissionRules, Rate } from "./rules";

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
  /** The affiliate's paid revenue this month before this order, minor units. */
  affiliateMonthRevenue: number;
}

export interface Commission {
  amount: number;
  rulesVersion: number;
  explanation: string[];
}

const describe = (r: Rate) => (r.type === "percentage" ? `${r.bp / 100}%` : `a fixed ${r.amount}`);
const apply = (r: Rate, amount: number) => (r.type === "percentage" ? applyBasisPoints(amount, r.bp) : r.amount);

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
  if (o.renewalMonth && o.renewalMonth > 0 && rules.recurringMonths !== null && o.renewalMonth > rules.recurringMonths) {
    return { amount: 0, rulesVersion: rules.version, explanation: [`renewal month ${o.renewalMonth} is past the ${rules.recurringMonths} recurring months`] };
  }
  if (o.amount < rules.minOrderAmount) {
    return { amount: 0, rulesVersion: rules.version, explanation: [`order of ${o.amount} is under the minimum of ${rules.minOrderAmount}`] };
  }
  if (rules.newCustomersOnly && !o.isFirstOrder) {
    return { amount: 0, rulesVersion: rules.version, explanation: ["the campaign pays on new customers' first orders only"] };
  }
  const { rate, why } = orderRate(rules, o);
  let amount = 0;
  if (o.items.length === 0) {
    amount = apply(rate, o.amount);
    explanation.push(`${describe(rate)} of ${o.amount} (${why}) = ${amount}`);
  } else {
    // A flat order-level rate is paid once per order, not once per line.
    let rest = 0;
    for (const line of o.items) {
      const lineAmount = line.quantity * line.unitAmount;
      if (line.category && rules.excludedCategories.includes(line.category)) {
        explanation.push(`${line.sku}: category ${line.category} earns nothing`);
        continue;
      }
      const product = rules.products[line.sku];
      const category = line.category ? rules.categories[line.category] : undefined;
      const special = product ?? category;
      if (special) {
        const part = apply(special, lineAmount);
        amount += part;
        explanation.push(`${line.sku}: ${describe(special)} of ${lineAmount} (${product ? "product" : `category ${line.category}`}) = ${part}`);
      } else rest += lineAmount;
    }
    if (rest > 0 || (rate.type === "flat" && amount === 0)) {
      const part = apply(rate, rest);
      amount += part;
      explanation.push(`${describe(rate)} of ${rest} (${why}) = ${part}`);
    }
  }
  const before = o.affiliateMonthRevenue;
  for (const bonus of rules.bonuses) {
    if (before < bonus.atRevenue && before + o.amount >= bonus.atRevenue) {
      amount += bonus.amount;
      explanation.push(`bonus ${bonus.amount} for passing ${bonus.atRevenue} of monthly revenue`);
    }
  }
  return { amount, rulesVersion: rules.version, explanation };
}
