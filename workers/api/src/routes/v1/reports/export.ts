/**
 * The summary report as CSV, streamed: the rows are read in the request's transaction (they are rollup
 * groups, at most a year of days), then written to the response a chunk at a time so a large report is
 * never one string in the isolate's memory.
 */
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, standardErrors } from "../../../lib/openapi-common";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { reportRange, reportRows, rowView } from "./range";
import { summaryQuery } from "./schema";

const route = createRoute({
  method: "get",
  path: "/v1/reports/export",
  tags: ["Reports"],
  summary: "The summary report as CSV (one line per key and currency)",
  description:
    "Takes the parameters of `GET /v1/reports/summary`. Columns: key, clicks, unique_visitors, flagged_clicks, conversions, currency, revenue (gross), commission, refunded, net_revenue, conversions_from_clicks (the orders a click brought, the conversion rate's numerator).",
  security: bearerAuth,
  middleware: [authenticate({ permission: "reports:read" })] as const,
  request: { query: summaryQuery },
  responses: { 200: { description: "CSV, UTF-8, with a header line", content: { "text/csv": { schema: z.string() } } }, ...standardErrors },
});

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed so spreadsheets do not run it as a formula. */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// New columns come last (refunded and net_revenue, then conversions_from_clicks) so that sheets and scripts
// reading the earlier columns by position still work.
const HEADER = "key,clicks,unique_visitors,flagged_clicks,conversions,currency,revenue,commission,refunded,net_revenue,conversions_from_clicks\n";
const CHUNK_ROWS = 500;

export function registerReportExport(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(route, async (c) => {
    const q = c.req.valid("query");
    const principal = c.get("principal");
    const db = c.get("db");
    const range = await reportRange(db, principal.tenantId, q);
    if ("error" in range) return problemFor(c, "validation_failed", { errors: [range.error] });
    const rows = (await reportRows(db, principal, q, range)).map(rowView);
    const lines = rows.flatMap((r) => {
      const counts = [r.key, r.clicks, r.uniqueVisitors, r.flaggedClicks, r.conversions];
      const money = r.amounts.length ? r.amounts.map((a) => [a.currency, a.revenue, a.commission, a.refunded, a.netRevenue]) : [[null, null, null, null, null]];
      return money.map((m) => [...counts, ...m, r.conversionsFromClicks].map(csvField).join(",") + "\n");
    });
    const encoder = new TextEncoder();
    let next = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(HEADER));
      },
      pull(controller) {
        if (next >= lines.length) return controller.close();
        controller.enqueue(encoder.encode(lines.slice(next, next + CHUNK_ROWS).join("")));
        next += CHUNK_ROWS;
      },
    });
    const filename = `indica-report-${q.groupBy}-${range.from}-${range.to}.csv`;
    return c.body(body, 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"` });
  });
}
