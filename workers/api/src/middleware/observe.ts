import type { MiddlewareHandler } from "hono";
import { MetricsRegistry } from "../../../../core/observability/metrics";
import type { ApiHonoEnv } from "../env";

/** This isolate's request counters and latencies; GET /metrics renders them with fleet-wide database gauges. */
export const isolateMetrics = new MetricsRegistry();

/**
 * One JSON log line per request (request id, tenant, route pattern, status, duration), the isolate's
 * Prometheus counters, and, when the METRICS binding exists (production), one Analytics Engine data point,
 * which is what aggregates across every isolate and data centre.
 */
export function observe(): MiddlewareHandler<ApiHonoEnv> {
  return async (c, next) => {
    const started = performance.now();
    let failed: unknown = null;
    try {
      await next();
    } catch (error) {
      failed = error;
      throw error;
    } finally {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      const status = failed ? 500 : c.res.status;
      // The matched pattern (/v1/links/:id), never the path: ids in labels would explode the series.
      const route = c.req.routePath || "unmatched";
      const tenantId = c.get("principal")?.tenantId ?? null;
      const labels = { worker: "api", method: c.req.method, route, status: String(status) };
      isolateMetrics.inc("indica_http_requests_total", "HTTP requests answered by this isolate", labels);
      isolateMetrics.observe("indica_http_request_duration_ms", "HTTP request duration in this isolate, milliseconds", { worker: "api", route }, ms);
      c.env.METRICS?.writeDataPoint({ blobs: ["api", c.req.method, route, String(status)], doubles: [ms], indexes: [tenantId ?? "none"] });
      const level = status >= 500 ? "error" : status >= 400 ? "warn" : "info";
      console.log(JSON.stringify({ level, worker: "api", requestId: c.get("requestId"), tenantId, method: c.req.method, route, status, ms }));
    }
  };
}
