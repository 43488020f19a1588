/**
 * POST /v1/failed-events/replay: the merchant sends their own parked events through the pipeline again,
 * once the cause is fixed (the order arrived, a data fix), without waiting for an operator. The replay
 * itself is the operator's (db/queries/failed-event-replay.ts), narrowed to the caller's tenant.
 */
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { affiliateScope } from "../../../../../../core/auth/access";
import { replayFailedEvents } from "../../../../../../db/queries/failed-event-replay";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, standardErrors } from "../../../lib/openapi-common";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { replayBody, replayResultSchema } from "./schema";

const route = createRoute({
  method: "post", path: "/v1/failed-events/replay", tags: ["Conversions"], security: bearerAuth,
  middleware: [authenticate({ permission: "conversions:write" })] as const,
  summary: "Send pending failed events through the pipeline again",
  description:
    "Fix the cause first: an event that still cannot be applied is parked again as a new failed event. Only pending events of queue messages and webhook deliveries are replayed, each at most once however many replays run at the same time; `skipped` says why a requested id was not.",
  request: { body: { required: true, content: { "application/json": { schema: replayBody } } } },
  responses: { 200: { description: "What was replayed", content: { "application/json": { schema: replayResultSchema } } }, ...standardErrors },
});

export function registerReplayFailedEvents(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(route, async (c) => {
    const principal = c.get("principal");
    // The role check already refuses affiliates (no conversions:write); this keeps it so if roles change.
    if (affiliateScope(principal) !== null) return problemFor(c, "forbidden", { detail: "Failed events are the merchant's; affiliate users cannot replay them." });
    const body = c.req.valid("json");
    const { ids, skipped } = await replayFailedEvents(c.get("db"), c.env.EVENTS, { ...body, tenantId: principal.tenantId });
    return c.json({ replayed: ids.length, ids, skipped }, 200);
  });
}
