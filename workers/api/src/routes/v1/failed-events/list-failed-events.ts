/**
 * GET /v1/failed-events: what the merchant sent that Indica accepted (202) but could not apply, with the
 * reason: a refund in another currency than its order's, a refundId reused for another order, a platform
 * webhook that did not fit. Parked events were visible only to operators before, so a merchant never learnt
 * that a refund had taken nothing back. Newest first; affiliate users have no access (the payloads are the
 * merchant's orders).
 */
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { and, desc, eq, isNotNull, isNull, lt } from "drizzle-orm";
import { affiliateScope } from "../../../../../../core/auth/access";
import { failedEvents } from "../../../../../../db/schema";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, standardErrors } from "../../../lib/openapi-common";
import { pageOf, pageQuery, toPage } from "../../../lib/pagination";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";

const query = z.object({
  status: z
    .enum(["pending", "replayed"])
    .optional()
    .openapi({ param: { name: "status", in: "query" }, description: "`pending`: not replayed yet; `replayed`: replayed (by you or an operator). Both when left out" }),
  ...pageQuery,
});

const itemSchema = z
  .object({
    id: z.string(),
    source: z.string().openapi({ description: "What gave up on it, e.g. `queue:indica-events`, `webhook:shopify`" }),
    eventType: z.string().nullable().openapi({ example: "refund" }),
    eventId: z.string().nullable().openapi({ description: "The id inside the event (order, refund or event id), when it has one" }),
    reason: z.string().openapi({ example: "refund in USD for order 1001, which is in BRL: send refunds in the order's currency" }),
    payload: z.unknown().openapi({ description: "The event as the queue consumer held it (what you sent is under `input` for orders and refunds)" }),
    attempts: z.number().int(),
    createdAt: z.string(),
    replayedAt: z.string().nullable(),
  })
  .openapi("FailedEvent");

const list = createRoute({
  method: "get", path: "/v1/failed-events", tags: ["Conversions"], security: bearerAuth,
  middleware: [authenticate({ permission: "conversions:read" })] as const,
  summary: "Events that were accepted but could not be applied, newest first",
  description: "Fix the cause (for a refund in the wrong currency: send it again in the order's currency) and send the event again, or replay it (`POST /v1/failed-events/replay`); nothing here is applied by itself.",
  request: { query },
  responses: { 200: { description: "A page", content: { "application/json": { schema: pageOf(itemSchema, "FailedEventList") } } }, ...standardErrors },
});

export function registerListFailedEvents(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(list, async (c) => {
    const principal = c.get("principal");
    if (affiliateScope(principal) !== null) return problemFor(c, "forbidden", { detail: "Failed events are the merchant's; affiliate users cannot read them." });
    const q = c.req.valid("query");
    const rows = await c
      .get("db")
      .select()
      .from(failedEvents)
      .where(and(eq(failedEvents.tenantId, principal.tenantId), q.status === "pending" ? isNull(failedEvents.replayedAt) : q.status === "replayed" ? isNotNull(failedEvents.replayedAt) : undefined, q.cursor ? lt(failedEvents.id, q.cursor) : undefined))
      .orderBy(desc(failedEvents.id))
      .limit(q.limit + 1);
    return c.json(
      toPage(rows, q.limit, (r) => ({
        id: r.id, source: r.source, eventType: r.eventType, eventId: r.eventId, reason: r.reason, payload: r.payload,
        attempts: r.attempts, createdAt: r.createdAt.toISOString(), replayedAt: r.replayedAt?.toISOString() ?? null,
      })),
      200,
    );
  });
}
