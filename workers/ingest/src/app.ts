import { Hono } from "hono";
import { problem, problemResponse } from "../../../core/problem";
import type { IngestHonoEnv } from "./env";
import { registerHealth } from "./routes/health";
import { registerReplayFailedEvents } from "./routes/replay-failed-events";

export function createIngestApp(): Hono<IngestHonoEnv> {
  const app = new Hono<IngestHonoEnv>();
  registerHealth(app);
  registerReplayFailedEvents(app);
  app.notFound((c) => problemResponse(problem("not_found", { instance: new URL(c.req.url).pathname })));
  app.onError((err, c) => {
    console.error(JSON.stringify({ level: "error", worker: "ingest", message: err.message }));
    return problemResponse(problem("internal_error"));
  });
  return app;
}
