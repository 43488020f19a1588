import { OpenAPIHono } from "@hono/zod-openapi";
import { allowedMethods, wrongMethodDetail } from "../../../core/http/allowed-methods";
import { registerIngestOperations } from "../../../core/http/ingest-operations";
import { apiHostHint } from "../../../core/http/other-host";
import { isUnavailable } from "../../../db/transient-error";
import type { IngestHonoEnv } from "./env";
import { ingestProblem } from "./lib/problems";
import { registerTrackingPreflight } from "./routes/cors";
import { requestLog } from "./middleware/request-log";
import { registerHealth } from "./routes/health";
import { registerReattribute } from "./routes/reattribute";
import { registerReplayFailedEvents } from "./routes/replay-failed-events";
import { registerTrackClick } from "./routes/track-click";
import { registerTrackEvents } from "./routes/track-events";
import { registerTrackerScript } from "./routes/tracker-script";
import { registerConversions } from "./routes/v1/conversions";
import { registerRefunds } from "./routes/v1/refunds";
import { registerIntegrationWebhooks } from "./routes/v1/integrations";

export function createIngestApp(): OpenAPIHono<IngestHonoEnv> {
  const app = new OpenAPIHono<IngestHonoEnv>();
  app.use("*", requestLog());
  registerHealth(app);
  registerTrackingPreflight(app);
  registerTrackClick(app);
  registerTrackEvents(app);
  registerTrackerScript(app);
  registerConversions(app);
  registerRefunds(app);
  registerIntegrationWebhooks(app);
  registerReplayFailedEvents(app);
  registerReattribute(app);
  registerIngestOperations(app.openAPIRegistry);
  app.doc31("/openapi.json", { openapi: "3.1.0", info: { title: "Indica ingest", version: "1.0.0" } });
  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    // GET /v1/conversions here is a caller looking for the API host's read of orders: a 405 with the way there.
    const allow = allowedMethods(app, path);
    const hint = apiHostHint(path);
    if (allow.length === 0) return ingestProblem(c, "not_found", { instance: path, detail: hint });
    return ingestProblem(c, "method_not_allowed", { instance: path, detail: wrongMethodDetail(c.req.method, allow, hint) }, { allow: allow.join(", ") });
  });
  app.onError((err, c) => {
    console.error(JSON.stringify({ level: "error", worker: "ingest", requestId: c.get("requestId"), path: new URL(c.req.url).pathname, message: err.message }));
    // The database behind an uncached key or site is unreachable: a retryable answer, not a bug.
    if (isUnavailable(err)) return ingestProblem(c, "unavailable", { detail: "Try again shortly; nothing was stored." }, { "retry-after": "5" });
    return ingestProblem(c, "internal_error");
  });
  return app;
}
