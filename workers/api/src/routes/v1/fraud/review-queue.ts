import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, notFoundError, standardErrors } from "../../../lib/openapi-common";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { decide, listReviewQueue } from "../../../services/fraud-review";
import { decisionSchema, reviewIdParams, reviewListSchema, reviewQuery } from "./schema";

const list = createRoute({
  method: "get",
  path: "/v1/fraud/review",
  tags: ["Fraud"],
  summary: "Flagged clicks or orders waiting for review, with their evidence",
  security: bearerAuth,
  middleware: [authenticate({ permission: "fraud:read" })] as const,
  request: { query: reviewQuery },
  responses: { 200: { description: "A page of the queue, oldest first", content: { "application/json": { schema: reviewListSchema } } }, ...standardErrors },
});

const decideRoute = createRoute({
  method: "post",
  path: "/v1/fraud/review/{id}/{decision}",
  tags: ["Fraud"],
  summary: "Approve or reject a flagged click or order",
  description: "Approving releases it for commission; rejecting keeps it out. Deciding again replaces the earlier decision.",
  security: bearerAuth,
  middleware: [authenticate({ permission: "fraud:write" })] as const,
  request: { params: reviewIdParams },
  responses: { 200: { description: "The decision", content: { "application/json": { schema: decisionSchema } } }, ...standardErrors, ...notFoundError },
});

export function registerFraudReview(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(list, async (c) => {
    const { kind, limit, cursor } = c.req.valid("query");
    return c.json(await listReviewQueue(c.get("db"), c.get("principal").tenantId, kind, limit, cursor), 200);
  });
  app.openapi(decideRoute, async (c) => {
    const { id, decision } = c.req.valid("param");
    const result = await decide(c.get("db"), c.get("principal").tenantId, id, decision);
    if (!result) return problemFor(c, "not_found", { detail: "No flagged click or order with this id in your account." });
    return c.json(result, 200);
  });
}
