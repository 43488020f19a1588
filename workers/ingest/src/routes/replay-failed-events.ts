/** POST /admin/failed-events/replay: operator endpoint that puts parked events back on the queue. */
import type { Hono } from "hono";
import { z } from "zod";
import { createDatabase } from "../../../../db/client";
import type { IngestHonoEnv } from "../env";
import { invalidBody, simpleProblem } from "../lib/problems";
import { requireAdmin } from "../middleware/admin-auth";
import { replayFailedEvents } from "../../../../db/queries/failed-event-replay";

const replayBody = z.object({
  ids: z.array(z.string().regex(/^fev_[0-9A-Z]{26}$/, "expected a failed event id")).max(1000).optional(),
  limit: z.number().int().min(1).max(1000).default(1000),
});

export function registerReplayFailedEvents(app: Hono<IngestHonoEnv>): void {
  app.post("/admin/failed-events/replay", async (c) => {
    const denied = await requireAdmin(c);
    if (denied) return denied;

    const raw = await c.req.text();
    let json: unknown = {};
    try {
      json = raw ? JSON.parse(raw) : {};
    } catch {
      return simpleProblem(c, "bad_request", "The body is not valid JSON.");
    }
    const parsed = replayBody.safeParse(json);
    if (!parsed.success) return invalidBody(c, parsed.error);

    const handle = createDatabase(c.env);
    try {
      const { ids } = await replayFailedEvents(handle.db, c.env.EVENTS, parsed.data);
      return c.json({ replayed: ids.length });
    } finally {
      c.executionCtx.waitUntil(handle.close());
    }
  });
}
