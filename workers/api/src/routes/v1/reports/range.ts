/** The days a report covers, in the merchant's time zone, and which store answers it. */
import { eq, sql } from "drizzle-orm";
import type { Principal } from "../../../../../../core/auth/access";
import { affiliateScope } from "../../../../../../core/auth/access";
import type { Executor } from "../../../../../../db/client";
import { tenants } from "../../../../../../db/schema";
import { rollupSummary } from "../../../services/report-rollups";
import { summary, type SummaryRow } from "../../../services/report-summary";
import { MAX_HOUR_REPORT_DAYS, MAX_REPORT_DAYS, type SummaryQuery } from "./schema";

const DAY_MS = 86_400_000;
export const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

export type ReportRange = { from: string; to: string; timezone: string } | { error: { pointer: string; detail: string } };

export async function reportRange(db: Executor, tenantId: string, q: SummaryQuery): Promise<ReportRange> {
  const problem = rangeProblem(q);
  if (problem) return { error: problem };
  // "Today" is the merchant's, so the defaults need their time zone first.
  const [tenant] = await db
    .select({ timezone: tenants.timezone, today: sql<string>`to_char(now() AT TIME ZONE ${tenants.timezone}, 'YYYY-MM-DD')` })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  const to = q.to ?? (q.from && addDays(q.from, MAX_REPORT_DAYS - 1) < tenant.today ? addDays(q.from, MAX_REPORT_DAYS - 1) : tenant.today);
  const from = q.from ?? addDays(to, q.groupBy === "hour" ? 0 : -29);
  if (from > to) return { error: { pointer: "/query/from", detail: `must not be after ${to}` } };
  const max = q.groupBy === "hour" ? MAX_HOUR_REPORT_DAYS : MAX_REPORT_DAYS;
  if (daysBetween(from, to) > max) return { error: { pointer: "/query/from", detail: `at most ${max} days from from to to` } };
  return { from, to, timezone: tenant.timezone };
}

/** The period of the same length that ends the day before `from`. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const n = daysBetween(from, to);
  return { from: addDays(from, -n), to: addDays(from, -1) };
}

/** Sub-ids other than sub1 are not in the rollups; filters only the rollups know cannot apply to them. */
export const needsRawTables = (q: SummaryQuery) => q.groupBy === "subId" && q.subIdKey !== "sub1";

export function rangeProblem(q: SummaryQuery): { pointer: string; detail: string } | null {
  if (needsRawTables(q) && (q.sub1 !== undefined || q.country || q.device)) return { pointer: "/query/subIdKey", detail: "the sub1, country and device filters need subIdKey=sub1" };
  return null;
}

/**
 * The report rows: from the rollups, except sub-ids other than sub1, which the rollups do not carry and
 * which the raw tables answer (slower, same figures).
 */
export function reportRows(db: Executor, principal: Principal, q: SummaryQuery, range: { from: string; to: string; timezone: string }): Promise<SummaryRow[]> {
  const common = { tenantId: principal.tenantId, timezone: range.timezone, from: range.from, to: range.to, onlyAffiliate: affiliateScope(principal) };
  if (needsRawTables(q)) {
    return summary(db, { ...common, groupBy: "subId", subIdKey: q.subIdKey, campaignId: q.campaignId, affiliateId: q.affiliateId });
  }
  return rollupSummary(db, { ...common, groupBy: q.groupBy, campaignId: q.campaignId, affiliateId: q.affiliateId, sub1: q.sub1, country: q.country, device: q.device });
}

export const rowView = (r: SummaryRow) => ({
  key: r.key,
  clicks: Number(r.clicks),
  uniqueVisitors: Number(r.unique_visitors),
  flaggedClicks: Number(r.flagged_clicks),
  conversions: Number(r.conversions),
  conversionsFromClicks: Number(r.conversions_from_clicks),
  amounts: r.amounts.map((a) => {
    const revenue = Number(a.revenue);
    const refunded = Number(a.refunded);
    // `revenue` stays gross for the clients that read it before refunds were reported; net is spelled out.
    return { currency: a.currency, revenue, refunded, netRevenue: revenue - refunded, commission: Number(a.commission) };
  }),
});
