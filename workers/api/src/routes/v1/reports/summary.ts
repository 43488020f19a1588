import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { eq, sql } from "drizzle-orm";
import { affiliateScope } from "../../../../../../core/auth/access";
import { tenants } from "../../../../../../db/schema";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, standardErrors } from "../../../lib/openapi-common";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { summary } from "../../../services/report-summary";
import { MAX_REPORT_DAYS, summaryQuery, summarySchema } from "./schema";

const route = createRoute({
  method: "get",
  path: "/v1/reports/summary",
  tags: ["Reports"],
  summary: "Clicks, visitors, flagged clicks, orders, revenue and commissions by day, campaign, affiliate or sub-id",
  description: `Days are your time zone's (tenants.timezone); at most ${MAX_REPORT_DAYS} days at once. Money is per currency. Affiliate users get only their own rows.`,
  security: bearerAuth,
  middleware: [authenticate({ permission: "reports:read" })] as const,
  request: { query: summaryQuery },
  responses: { 200: { description: "The report", content: { "application/json": { schema: summarySchema } } }, ...standardErrors },
});

const DAY_MS = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

export function registerReportSummary(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(route, async (c) => {
    const q = c.req.valid("query");
    const principal = c.get("principal");
    const db = c.get("db");
    // "Today" is the merchant's, so the defaults need their time zone first.
    const [tenant] = await db
      .select({ timezone: tenants.timezone, today: sql<string>`to_char(now() AT TIME ZONE ${tenants.timezone}, 'YYYY-MM-DD')` })
      .from(tenants)
      .where(eq(tenants.id, principal.tenantId));
    const to = q.to ?? (q.from && addDays(q.from, MAX_REPORT_DAYS - 1) < tenant.today ? addDays(q.from, MAX_REPORT_DAYS - 1) : tenant.today);
    const from = q.from ?? addDays(to, -29);
    if (from > to) return problemFor(c, "validation_failed", { errors: [{ pointer: "/query/from", detail: `must not be after ${to}` }] });
    if (daysBetween(from, to) > MAX_REPORT_DAYS) {
      return problemFor(c, "validation_failed", { errors: [{ pointer: "/query/from", detail: `at most ${MAX_REPORT_DAYS} days from from to to` }] });
    }
    const rows = await summary(db, { ...q, tenantId: principal.tenantId, timezone: tenant.timezone, from, to, onlyAffiliate: affiliateScope(principal) });
    return c.json(
      {
        groupBy: q.groupBy,
        from,
        to,
        timezone: tenant.timezone,
        rows: rows.map((r) => ({
          key: r.key,
          clicks: Number(r.clicks),
          uniqueVisitors: Number(r.unique_visitors),
          flaggedClicks: Number(r.flagged_clicks),
          conversions: Number(r.conversions),
          amounts: r.amounts.map((a) => ({ currency: a.currency, revenue: Number(a.revenue), commission: Number(a.commission) })),
        })),
      },
      200,
    );
  });
}
