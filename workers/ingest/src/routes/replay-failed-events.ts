/** POST /admin/failed-events/replay: operator endpoint that puts parked events back on the queue. */
import type { Hono } from "hono";
import { z } from "zod";
import { fieldErrors, problem, problemResponse } from "../../../../core/problem";
import { createDatabase } from "../../../../db/client";
import type { IngestHonoEnv } from "../env";
import { replayFailedEvents } from "../services/failed-events";

const replayBody = z.object({
  ids: z.array(z.string().regex(/^fev_[0-9A-Z]{26}$/, "expected a failed event id")).max(1000).optional(),
  limit: z.number().int().min(1).max(1000).default(1000),
});

async function sameSecret(a: string, b: string): Promise<boolean> {
  const enc = new TextEncoder();
  const [da, db] = await Promise.all([crypto.subtle.digest("SHA-256", enc.encode(a)), crypto.subtle.digest("SHA-256", enc.encode(b))]);
  return crypto.subtle.timingSafeEqual(da, db);
}

export function registerReplayFailedEvents(app: Hono<IngestHonoEnv>): void {
  app.post("/admin/failed-events/replay", async (c) => {
    const token = c.env.ADMIN_TOKEN;
    const given = c.req.header("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
    if (!token || !(await sameSecret(given, token))) return problemResponse(problem("unauthorized", { detail: "A valid admin token is required." }));

    const raw = await c.req.text();
    let json: unknown = {};
    try {
      json = raw ? JSON.parse(raw) : {};
    } catch {
      return problemResponse(problem("bad_request", { detail: "The body is not valid JSON." }));
    }
    const parsed = replayBody.safeParse(json);
    if (!parsed.success) return problemResponse(problem("validation_failed", { errors: fieldErrors(parsed.error.issues, "body") }));

    const handle = createDatabase(c.env);
    try {
      const replayed = await replayFailedEvents(handle.db, c.env.EVENTS, parsed.data);
      return c.json({ replayed });
    } finally {
      c.executionCtx.waitUntil(handle.close());
    }
  });
}
