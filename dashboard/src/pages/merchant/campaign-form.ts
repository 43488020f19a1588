/**
 * The campaign editor's plain-text form state and its conversion to the API's rules. The editor covers the
 * common rules (base rate, first-order rate, minimum order, new customers only); anything else a campaign
 * already has (products, tiers, groups, bonuses) is kept as it is.
 */
import { DEFAULT_CONFLICT_RULES, type ConflictRules } from "../../../../core/attribution/conflict-rules";
import type { components } from "../../../../sdk";
import { decimalText, moneyInputText, parseDecimal, parseMoneyInput, type Locale } from "../../i18n/format";

export type Campaign = components["schemas"]["Campaign"];
export type CreateCampaign = components["schemas"]["CreateCampaign"];
type RulesInput = NonNullable<CreateCampaign["commissionRules"]>;
type RateInput = RulesInput["base"];
export type ModelKind = Campaign["attributionModel"]["kind"];

export interface RateForm {
  type: "percentage" | "flat";
  /** "10" or "10,5" (percent) or "15,00" (money), as typed. */
  value: string;
}

export interface CampaignForm {
  name: string;
  destinationUrl: string;
  status: Campaign["status"];
  currency: string;
  attributionWindowDays: string;
  cookieLifetimeDays: string;
  lockDays: string;
  model: ModelKind;
  conflictRules: ConflictRules;
  base: RateForm;
  firstOrder: RateForm | null;
  minOrder: string;
  newCustomersOnly: boolean;
}

function rateForm(r: RateInput, currency: string, locale: Locale): RateForm {
  return r.type === "percentage" ? { type: "percentage", value: decimalText(r.bp, 2, locale) } : { type: "flat", value: moneyInputText(r.amount, currency, locale) };
}

export function emptyForm(currency = "BRL"): CampaignForm {
  return {
    name: "", destinationUrl: "https://", status: "active", currency, attributionWindowDays: "30", cookieLifetimeDays: "30", lockDays: "30",
    model: "last_click", conflictRules: { ...DEFAULT_CONFLICT_RULES }, base: { type: "percentage", value: "10" }, firstOrder: null, minOrder: "", newCustomersOnly: false,
  };
}

export function formOf(c: Campaign, locale: Locale): CampaignForm {
  const r = c.commissionRules;
  return {
    name: c.name, destinationUrl: c.destinationUrl, status: c.status, currency: c.currency,
    attributionWindowDays: String(c.attributionWindowDays), cookieLifetimeDays: String(c.cookieLifetimeDays), lockDays: String(c.lockDays),
    model: c.attributionModel.kind,
    conflictRules: { ...c.conflictRules },
    base: rateForm(r.base, c.currency, locale),
    firstOrder: r.firstOrder ? rateForm(r.firstOrder, c.currency, locale) : null,
    minOrder: r.minOrderAmount ? moneyInputText(r.minOrderAmount, c.currency, locale) : "",
    newCustomersOnly: r.newCustomersOnly ?? false,
  };
}

/** A rate as the API wants it; percentages are basis points (10% = 1,000 bp). Null when unreadable. */
export function rateOf(f: RateForm, currency: string, locale: Locale): RateInput | null {
  if (f.type === "percentage") {
    const bp = parseDecimal(f.value, 2, locale);
    // The API refuses more than 100% (10,000 bp): a commission never pays more than the order.
    return bp === null || bp > 10_000 ? null : { type: "percentage", bp };
  }
  const amount = parseMoneyInput(f.value, currency, locale);
  return amount === null ? null : { type: "flat", amount };
}

/** The rules to send, or the name of the first unreadable field. */
export function rulesOf(f: CampaignForm, locale: Locale, existing?: Campaign["commissionRules"]): { rules: RulesInput } | { invalid: "base" | "firstOrder" | "minOrder" } {
  const base = rateOf(f.base, f.currency, locale);
  if (!base) return { invalid: "base" };
  const firstOrder = f.firstOrder ? rateOf(f.firstOrder, f.currency, locale) : undefined;
  if (firstOrder === null) return { invalid: "firstOrder" };
  const minOrderAmount = f.minOrder.trim() ? parseMoneyInput(f.minOrder, f.currency, locale) : 0;
  if (minOrderAmount === null) return { invalid: "minOrder" };
  // The server numbers versions; sending one back is not allowed to set it.
  const { version: _version, firstOrder: _first, ...kept } = existing ?? { version: 0 };
  const defaults = { products: {}, categories: {}, excludedCategories: [], tiers: [], groups: {}, bonuses: [], recurringMonths: 0 };
  return { rules: { ...defaults, ...kept, base, ...(firstOrder ? { firstOrder } : {}), minOrderAmount, newCustomersOnly: f.newCustomersOnly } };
}

export function bodyOf(f: CampaignForm, rules: RulesInput): CreateCampaign {
  return {
    name: f.name.trim(), destinationUrl: f.destinationUrl.trim(), status: f.status, currency: f.currency as CreateCampaign["currency"],
    attributionWindowDays: Number(f.attributionWindowDays), cookieLifetimeDays: Number(f.cookieLifetimeDays), lockDays: Number(f.lockDays),
    attributionModel: { kind: f.model } as CreateCampaign["attributionModel"], commissionRules: rules,
    conflictRules: { ...f.conflictRules },
  };
}
