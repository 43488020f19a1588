import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, standardErrors } from "../../../lib/openapi-common";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { previousPeriod, reportRange, reportRows, rowView } from "./range";
import { MAX_REPORT_DAYS, summaryQuery, summarySchema } from "./schema";

const route = createRoute({
  method: "get",
  path: "/v1/reports/summary",
  tags: ["Reports"],
  summary: "Clicks, visitors, flagged clicks, orders, revenue and commissions by day, hour, campaign, affiliate, sub-id, country or device",
  description: `Days are your time zone's (tenants.timezone); at most ${MAX_REPORT_DAYS} days at once. Money is per currency. Affiliate users get only their own rows. Read from hourly and daily rollups kept in step with every write.`,
  security: bearerAuth,
  middleware: [authenticate({ permission: "reports:read" })] as const,
  request: { query: summaryQuery },
  responses: { 200: { description: "The report", content: { "application/json": { schema: summarySchema } } }, ...standardErrors },
});

export function registerReportSummary(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(route, async (c) => {
    const q = c.req.valid("query");
    const principal = c.get("principal");
    const db = c.get("db");
    const range = await reportRange(db, principal.tenantId, q);
    if ("error" in range) return problemFor(c, "validation_failed", { errors: [range.error] });
    const rows = (await reportRows(db, principal, q, range)).map(rowView);
    const base = { groupBy: q.groupBy, from: range.from, to: range.to, timezone: range.timezone, rows };
    if (q.compare !== "previous") return c.json(base, 200);
    const before = previousPeriod(range.from, range.to);
    const previous = (await reportRows(db, principal, q, { ...range, ...before })).map(rowView);
    return c.json({ ...base, previous: { ...before, rows: previous } }, 200);
  });
}
