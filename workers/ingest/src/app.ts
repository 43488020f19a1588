import { Hono } from "hono";
import { problem, problemResponse } from "../../../core/problem";
import type { IngestHonoEnv } from "./env";
import { registerTrackingPreflight } from "./routes/cors";
import { registerHealth } from "./routes/health";
import { registerReplayFailedEvents } from "./routes/replay-failed-events";
import { registerTrackClick } from "./routes/track-click";
import { registerTrackEvents } from "./routes/track-events";
import { registerTrackerScript } from "./routes/tracker-script";
import { registerConversions } from "./routes/v1/conversions";
import { registerRefunds } from "./routes/v1/refunds";

export function createIngestApp(): Hono<IngestHonoEnv> {
  const app = new Hono<IngestHonoEnv>();
  registerHealth(app);
  registerTrackingPreflight(app);
  registerTrackClick(app);
  registerTrackEvents(app);
  registerTrackerScript(app);
  registerConversions(app);
  registerRefunds(app);
  registerReplayFailedEvents(app);
  app.notFound((c) => problemResponse(problem("not_found", { instance: new URL(c.req.url).pathname })));
  app.onError((err, c) => {
    console.error(JSON.stringify({ level: "error", worker: "ingest", message: err.message }));
    return problemResponse(problem("internal_error"));
  });
  return app;
}
