/**
 * Pairing a report's rows with the previous period's (compare=previous) and summing them, for the Reports
 * table. Pure, so the arithmetic is tested without a DOM.
 */
import type { components } from "../../../sdk";
import { figureOf, type ReportRow } from "./series";

export type ReportSummary = components["schemas"]["ReportSummary"];
export interface Line {
  key: string | null;
  current: ReportRow;
  previous?: ReportRow;
}

const DAY_MS = 86_400_000;
const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY_MS;
const dayText = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** Every row added into one, money kept per currency (amounts in different currencies are never added). */
export function sumRows(rows: ReportRow[], key: string | null = null): ReportRow {
  const money = new Map<string, { revenue: number; refunded: number; netRevenue: number; commission: number }>();
  const sum: ReportRow = { key, clicks: 0, uniqueVisitors: 0, flaggedClicks: 0, conversions: 0, conversionsFromClicks: 0, amounts: [] };
  for (const r of rows) {
    sum.clicks += r.clicks;
    sum.uniqueVisitors += r.uniqueVisitors;
    sum.flaggedClicks += r.flaggedClicks;
    sum.conversions += r.conversions;
    sum.conversionsFromClicks += r.conversionsFromClicks;
    for (const a of r.amounts) {
      const m = money.get(a.currency) ?? { revenue: 0, refunded: 0, netRevenue: 0, commission: 0 };
      m.revenue += a.revenue;
      m.refunded += figureOf(a, "refunded");
      m.netRevenue += figureOf(a, "netRevenue");
      m.commission += a.commission;
      money.set(a.currency, m);
    }
  }
  sum.amounts = [...money].sort(([a], [b]) => a.localeCompare(b)).map(([currency, m]) => ({ currency, ...m }));
  return sum;
}

/**
 * The previous period's row for each current one. Campaigns and affiliates match by key; days match by
 * position (the 3rd day of this period against the 3rd of the previous), since the dates themselves differ.
 */
export function pairRows(r: ReportSummary): Line[] {
  const prev = new Map((r.previous?.rows ?? []).map((p) => [p.key, p]));
  const shift = r.previous ? dayNumber(r.from) - dayNumber(r.previous.from) : 0;
  const previousKey = (key: string | null) => (r.groupBy === "day" && key ? dayText(dayNumber(key) - shift) : key);
  return r.rows.map((row) => ({ key: row.key, current: row, previous: r.previous ? prev.get(previousKey(row.key)) ?? sumRows([]) : undefined }));
}

/**
 * Days stay in calendar order; campaigns and affiliates (which the API orders by id) come best first, by
 * net revenue in `currency` (what the orders earned after refunds, as the Overview ranks them) and then
 * clicks, with the "none" row last.
 */
export function ordered(lines: Line[], groupBy: string, currency: string): Line[] {
  if (groupBy === "day") return lines;
  const revenue = (l: Line) => {
    const amount = l.current.amounts.find((a) => a.currency === currency);
    return amount ? figureOf(amount, "netRevenue") : 0;
  };
  return [...lines].sort((a, b) => Number(a.key === null) - Number(b.key === null) || revenue(b) - revenue(a) || b.current.clicks - a.current.clicks);
}

/** The relative change from `before` to `now`, or null when there was nothing before to compare with. */
export function change(now: number, before: number): number | null {
  if (before === 0) return now === 0 ? 0 : null;
  return (now - before) / before;
}

/** Today's date (YYYY-MM-DD) in a time zone; the browser's own day when the zone is unknown or invalid. */
export function todayIn(timeZone: string | undefined, now = new Date()): string {
  try {
    if (timeZone) return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  } catch {
    // An unknown zone name: fall through to the browser's day rather than failing the page.
  }
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

/** The last `n` days up to today in the merchant's zone, both ends included (the API's `from`/`to`). */
export function lastDaysIn(n: number, timeZone: string | undefined, now = new Date()): { from: string; to: string } {
  const to = todayIn(timeZone, now);
  return { from: dayText(dayNumber(to) - (n - 1)), to };
}
