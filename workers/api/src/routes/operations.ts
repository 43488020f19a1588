/**
 * Operations endpoints, outside /v1: liveness (`/health`, no I/O), readiness (`/ready`, the database
 * answers within a second) and `/metrics` (Prometheus text; bearer METRICS_TOKEN). Metrics are the
 * isolate's own request counters plus gauges read from Postgres, which are the same from any isolate.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { createDatabase, rowsOf, type Executor } from "../../../../db/client";
import { MetricsRegistry } from "../../../../core/observability/metrics";
import type { ApiHonoEnv } from "../env";
import { isolateMetrics } from "../middleware/observe";

const READY_TIMEOUT_MS = 1_000;

type Gauges = {
  lag_p50: number | null; lag_max: number | null; failed_pending: string; failed_last_hour: string; default_rows: string;
  webhooks_pending: string; clicks_hour: string; flagged_hour: string; conversions_hour: string;
};

async function databaseGauges(db: Executor, m: MetricsRegistry): Promise<void> {
  const [g] = rowsOf(
    await db.execute<Gauges>(sql`
      SELECT
        (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM received_at - clicked_at)) FROM clicks WHERE received_at > now() - interval '5 minutes') AS lag_p50,
        (SELECT max(extract(epoch FROM received_at - clicked_at)) FROM clicks WHERE received_at > now() - interval '5 minutes') AS lag_max,
        (SELECT count(*) FROM failed_events WHERE replayed_at IS NULL) AS failed_pending,
        (SELECT count(*) FROM failed_events WHERE created_at > now() - interval '1 hour') AS failed_last_hour,
        (SELECT count(*) FROM (SELECT 1 FROM clicks_default LIMIT 1000) d) AS default_rows,
        (SELECT count(*) FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at < now() - interval '5 minutes') AS webhooks_pending,
        r.clicks AS clicks_hour, r.flagged AS flagged_hour, r.conversions AS conversions_hour
      FROM (SELECT coalesce(sum(clicks), 0) AS clicks, coalesce(sum(flagged), 0) AS flagged, coalesce(sum(conversions), 0) AS conversions
            FROM report_hourly WHERE hour >= date_trunc('hour', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '1 hour') r`),
  );
  m.set("indica_ingest_lag_seconds", "Click time to storage time over the last 5 minutes (queue and consumer lag)", { stat: "p50" }, Number(g.lag_p50 ?? 0));
  m.set("indica_ingest_lag_seconds", "Click time to storage time over the last 5 minutes (queue and consumer lag)", { stat: "max" }, Number(g.lag_max ?? 0));
  m.set("indica_failed_events_pending", "Events parked in failed_events and not replayed", {}, Number(g.failed_pending));
  m.set("indica_failed_events_last_hour", "Events parked in the last hour", {}, Number(g.failed_last_hour));
  m.set("indica_clicks_default_partition_rows", "Rows in clicks_default (outside every monthly partition), capped at 1000", {}, Number(g.default_rows));
  m.set("indica_webhook_deliveries_overdue", "Webhook deliveries due more than 5 minutes ago", {}, Number(g.webhooks_pending));
  m.set("indica_clicks_recent", "Clicks stored in this and the previous UTC hour, all merchants", {}, Number(g.clicks_hour));
  m.set("indica_clicks_flagged_recent", "Flagged clicks in this and the previous UTC hour, all merchants", {}, Number(g.flagged_hour));
  m.set("indica_conversions_recent", "Orders (not cancelled) in this and the previous UTC hour, all merchants", {}, Number(g.conversions_hour));
  const revenue = rowsOf(
    await db.execute<{ currency: string; revenue: string; refunded: string; commission: string }>(sql`
      SELECT currency, sum(revenue) AS revenue, sum(refunded) AS refunded, sum(commission) AS commission FROM report_hourly
      WHERE currency <> '' AND hour >= date_trunc('hour', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '1 hour' GROUP BY currency`),
  );
  for (const r of revenue) {
    m.set("indica_revenue_recent_minor", "Order revenue (gross) in this and the previous UTC hour, minor units", { currency: r.currency }, Number(r.revenue));
    // Keyed by the orders' hour, as the rollups are: what was given back of those same orders.
    m.set("indica_refunded_recent_minor", "Refunded of the orders of this and the previous UTC hour, minor units", { currency: r.currency }, Number(r.refunded));
    m.set("indica_commission_recent_minor", "Commissions in this and the previous UTC hour, minor units", { currency: r.currency }, Number(r.commission));
  }
}

export function registerOperations(app: OpenAPIHono<ApiHonoEnv>): void {
  app.get("/health", (c) => c.json({ ok: true, worker: "api" }));
  app.get("/ready", async (c) => {
    const handle = createDatabase(c.env);
    try {
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("database did not answer in time")), READY_TIMEOUT_MS));
      await Promise.race([handle.db.execute(sql`SELECT 1`), timeout]);
      return c.json({ ok: true, worker: "api", database: "up" });
    } catch (error) {
      return c.json({ ok: false, worker: "api", database: String(error) }, 503);
    } finally {
      c.executionCtx.waitUntil(handle.close());
    }
  });
  app.get("/metrics", async (c) => {
    if (!c.env.METRICS_TOKEN || c.req.header("authorization") !== `Bearer ${c.env.METRICS_TOKEN}`) return c.text("unauthorized\n", 401);
    const handle = createDatabase(c.env);
    const fleet = new MetricsRegistry();
    try {
      await databaseGauges(handle.db, fleet);
    } finally {
      c.executionCtx.waitUntil(handle.close());
    }
    return c.body(isolateMetrics.render() + fleet.render(), 200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
  });
}
