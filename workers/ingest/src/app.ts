import { OpenAPIHono } from "@hono/zod-openapi";
import { registerIngestOperations } from "../../../core/http/ingest-operations";
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
  app.notFound((c) => ingestProblem(c, "not_found", { instance: new URL(c.req.url).pathname }));
  app.onError((err, c) => {
    console.error(JSON.stringify({ level: "error", worker: "ingest", requestId: c.get("requestId"), path: new URL(c.req.url).pathname, message: err.message }));
    // The database behind an uncached key or site is unreachable: a retryable answer, not a bug.
    if (isUnavailable(err)) return ingestProblem(c, "unavailable", { detail: "Try again shortly; nothing was stored." }, { "retry-after": "5" });
    return ingestProblem(c, "internal_error");
  });
  return app;
}
