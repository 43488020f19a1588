/**
 * The last minutes, per minute, straight from the raw tables: rollups are hourly, and a few minutes of one
 * tenant's clicks and orders are a short range scan of `clicks_tenant_time_idx` and `conversions_tenant_time_idx`.
 */
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { affiliateScope } from "../../../../../../core/auth/access";
import { rowsOf } from "../../../../../../db/client";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, standardErrors } from "../../../lib/openapi-common";
import { authenticate } from "../../../middleware/authenticate";

const query = z.object({
  minutes: z.coerce.number().int().min(1).max(60).default(30).openapi({ param: { name: "minutes", in: "query" }, description: "How many minutes back, up to 60" }),
});

const minuteSchema = z
  .object({
    minute: z.string().openapi({ description: "Start of the minute (UTC, ISO 8601)" }),
    clicks: z.number().int(),
    flaggedClicks: z.number().int(),
    conversions: z.number().int().openapi({ description: "Orders received (by when they occurred), not cancelled" }),
    amounts: z.array(
      z.object({
        currency: z.string(),
        revenue: z.number().int().openapi({ description: "Gross, before refunds" }),
        refunded: z.number().int().openapi({ description: "Refunds of those orders so far (in the order's minute, as the rollups count them)" }),
        netRevenue: z.number().int().openapi({ description: "revenue - refunded" }),
      }),
    ),
  })
  .openapi("RealtimeMinute");

const route = createRoute({
  method: "get",
  path: "/v1/reports/realtime",
  tags: ["Reports"],
  summary: "Clicks and orders of the last minutes, per minute",
  security: bearerAuth,
  middleware: [authenticate({ permission: "reports:read" })] as const,
  request: { query },
  responses: {
    200: { description: "Minutes with any activity, oldest first", content: { "application/json": { schema: z.object({ minutes: z.array(minuteSchema) }).openapi("RealtimeReport") } } },
    ...standardErrors,
  },
});

type Row = { minute: string | Date; clicks: string; flagged: string; conversions: string; amounts: { currency: string; revenue: number; refunded: number }[] };

export function registerReportRealtime(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(route, async (c) => {
    const { minutes } = c.req.valid("query");
    const principal = c.get("principal");
    const only = affiliateScope(principal);
    const since = sql`date_trunc('minute', now()) - make_interval(mins => ${minutes - 1})`;
    const rows = rowsOf(
      await c.get("db").execute<Row>(sql`
        WITH f AS (
          SELECT date_trunc('minute', clicked_at) AS minute, 1 AS clicks, flagged::int AS flagged, 0 AS conversions, NULL::text AS currency, 0::bigint AS revenue,
            0::bigint AS refunded
          FROM clicks WHERE tenant_id = ${principal.tenantId} AND clicked_at >= ${since} ${only ? sql`AND affiliate_id = ${only}` : sql``}
          UNION ALL
          SELECT date_trunc('minute', o.occurred_at), 0, 0, 1, o.currency, o.amount,
            (SELECT coalesce(sum(r.amount), 0) FROM refunds r WHERE r.tenant_id = o.tenant_id AND r.order_id = o.order_id AND r.currency = o.currency)
          FROM conversions o WHERE tenant_id = ${principal.tenantId} AND occurred_at >= ${since} AND occurred_at <= now() AND status <> 'cancelled'
            ${only ? sql`AND matched_affiliate_id = ${only}` : sql``}
        ), money AS (SELECT minute, currency, sum(revenue)::bigint AS revenue, sum(refunded)::bigint AS refunded FROM f WHERE currency IS NOT NULL GROUP BY 1, 2)
        SELECT f.minute, sum(f.clicks) AS clicks, sum(f.flagged) AS flagged, sum(f.conversions) AS conversions,
          coalesce((SELECT json_agg(json_build_object('currency', m.currency, 'revenue', m.revenue, 'refunded', m.refunded) ORDER BY m.currency) FROM money m WHERE m.minute = f.minute), '[]'::json) AS amounts
        FROM f GROUP BY f.minute ORDER BY f.minute`),
    );
    return c.json(
      {
        minutes: rows.map((r) => ({
          minute: new Date(r.minute).toISOString(),
          clicks: Number(r.clicks),
          flaggedClicks: Number(r.flagged),
          conversions: Number(r.conversions),
          amounts: r.amounts.map((a) => ({ currency: a.currency, revenue: Number(a.revenue), refunded: Number(a.refunded), netRevenue: Number(a.revenue) - Number(a.refunded) })),
        })),
      },
      200,
    );
  });
}
