/** Turning /v1/reports/summary rows into chart series and totals. Pure, so it is tested without a DOM. */
import type { components } from "../../../sdk";

export type ReportRow = components["schemas"]["ReportRow"];

/**
 * One currency's money of a row. `revenue` is gross; `refunded` is what refunds gave back of the same orders
 * and `netRevenue` the difference (the API sends both). Optional here so the page also reads a typed client
 * generated before the API had them.
 */
export type ReportAmount = ReportRow["amounts"][number] & { refunded?: number; netRevenue?: number };
export type MoneyFigure = "revenue" | "refunded" | "netRevenue" | "commission";

/** A money figure of an amount; net is worked out from gross and refunded when not given. */
export function figureOf(a: ReportAmount | undefined, figure: MoneyFigure): number {
  if (!a) return 0;
  if (figure === "refunded") return a.refunded ?? 0;
  if (figure === "netRevenue") return a.netRevenue ?? a.revenue - (a.refunded ?? 0);
  return a[figure];
}

export interface Totals {
  clicks: number;
  flaggedClicks: number;
  conversions: number;
  /** Of `conversions`, the orders matched to a click: what the conversion rate divides by clicks. */
  conversionsFromClicks: number;
  revenue: number;
  refunded: number;
  netRevenue: number;
  commission: number;
  currency: string;
}

/** The currency with the most revenue: amounts in different currencies are never added up. */
export function mainCurrency(rows: ReportRow[], fallback = "BRL"): string {
  const byCurrency = new Map<string, number>();
  for (const r of rows) for (const a of r.amounts) byCurrency.set(a.currency, (byCurrency.get(a.currency) ?? 0) + a.revenue + a.commission);
  return [...byCurrency.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? fallback;
}

/**
 * Conversion rate as affiliate networks report it (and as merchants read it): the orders clicks brought,
 * divided by clicks. Orders no click brought (coupon-only, unmatched) are left out of the top because
 * nothing of theirs is in the bottom: all orders ÷ clicks read 266.7% for a shop whose orders came mostly by
 * coupon. An order counts once, so only a click that brought several orders (repeat purchases inside the
 * window) can take it past 100%. Null without clicks: no rate, rather than 0%.
 */
export function conversionRate(t: Pick<Totals, "clicks" | "conversionsFromClicks">): number | null {
  return t.clicks > 0 ? t.conversionsFromClicks / t.clicks : null;
}

/** One figure of a row in one currency; 0 when the row has no money in it. */
const amountOf = (r: ReportRow, currency: string, figure: MoneyFigure) => figureOf(r.amounts.find((a) => a.currency === currency), figure);

export function totals(rows: ReportRow[], currency: string): Totals {
  const t: Totals = { clicks: 0, flaggedClicks: 0, conversions: 0, conversionsFromClicks: 0, revenue: 0, refunded: 0, netRevenue: 0, commission: 0, currency };
  for (const r of rows) {
    t.clicks += r.clicks;
    t.flaggedClicks += r.flaggedClicks;
    t.conversions += r.conversions;
    t.conversionsFromClicks += r.conversionsFromClicks;
    for (const f of ["revenue", "refunded", "netRevenue", "commission"] as const) t[f] += amountOf(r, currency, f);
  }
  return t;
}

/**
 * One figure's total in every currency, the main one first (even at zero), then any other with an amount:
 * the key figures show those beside the main currency instead of dropping them (a US$ order in a BRL shop).
 */
export function perCurrency(rows: ReportRow[], main: string, figure: MoneyFigure): { currency: string; amount: number }[] {
  const sums = new Map<string, number>([[main, 0]]);
  for (const r of rows) for (const a of r.amounts) sums.set(a.currency, (sums.get(a.currency) ?? 0) + figureOf(a, figure));
  return [...sums].filter(([c, v]) => c === main || v !== 0).map(([currency, amount]) => ({ currency, amount }));
}

/** Every day from `from` to `to` (YYYY-MM-DD, included), so quiet days are drawn as zeros, not skipped. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let d = Date.parse(`${from}T00:00:00Z`); d <= end && days.length < 400; d += 86_400_000) days.push(new Date(d).toISOString().slice(0, 10));
  return days;
}

/** Per day: counts, and net revenue (what the merchant kept after refunds, not gross) and commission. */
export function dailySeries(rows: ReportRow[], from: string, to: string, currency: string) {
  const byDay = new Map(rows.map((r) => [r.key, r]));
  const days = daysBetween(from, to);
  const pick = (f: (r: ReportRow) => number) => days.map((d) => (byDay.has(d) ? f(byDay.get(d)!) : 0));
  return {
    days,
    clicks: pick((r) => r.clicks),
    conversions: pick((r) => r.conversions),
    netRevenue: pick((r) => amountOf(r, currency, "netRevenue")),
    commission: pick((r) => amountOf(r, currency, "commission")),
  };
}

/** The local calendar day `n - 1` days before today, and today: the report's inclusive range. */
export function lastDays(n: number, today = new Date()): { from: string; to: string } {
  const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  const start = new Date(today);
  start.setDate(start.getDate() - (n - 1));
  return { from: iso(start), to: iso(today) };
}
