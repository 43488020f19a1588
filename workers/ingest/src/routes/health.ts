import type { Hono } from "hono";
import type { IngestHonoEnv } from "../env";

export function registerHealth(app: Hono<IngestHonoEnv>): void {
  app.get("/_indica/health", (c) => c.json({ ok: true, worker: "ingest" }));
  app.get("/health", (c) => c.json({ ok: true, worker: "ingest" }));
}
