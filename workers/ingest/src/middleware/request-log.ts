import type { MiddlewareHandler } from "hono";
import { newId } from "../../../../core/ids";
import type { IngestHonoEnv } from "../env";

/**
 * `X-Request-Id` on every answer (a well-formed one from the caller is kept) and one JSON log line per
 * request: request id, tenant when the caller authenticated, route pattern, status, duration. The id is set
 * on the context before anything else runs, so problems (lib/problems.ts) and error logs carry it too.
 */
export function requestLog(): MiddlewareHandler<IngestHonoEnv> {
  return async (c, next) => {
    const started = performance.now();
    const given = c.req.header("x-request-id");
    const requestId = given && /^[\w.-]{8,128}$/.test(given) ? given : newId("request");
    c.set("requestId", requestId);
    await next();
    c.header("x-request-id", requestId);
    const status = c.res.status;
    const level = status >= 500 ? "error" : status >= 400 ? "warn" : "info";
    const tenantId = c.get("principal")?.tenantId ?? null;
    const ms = Math.round((performance.now() - started) * 10) / 10;
    console.log(JSON.stringify({ level, worker: "ingest", requestId, tenantId, method: c.req.method, route: c.req.routePath || "unmatched", status, ms }));
  };
}
