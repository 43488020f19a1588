import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, conflictError, notFoundError, standardErrors } from "../../../lib/openapi-common";
import { pageOf, toPage } from "../../../lib/pagination";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { listDeliveries, queuePing, retryDelivery } from "../../../services/webhook-deliveries";
import { getWebhook } from "../../../services/webhook-endpoints";
import { deliveryListQuery, deliveryParams, deliverySchema, webhookIdParams } from "./schema";
import { toDeliveryView } from "./view";

const common = { tags: ["Webhooks"], security: bearerAuth };
const NOT_FOUND = "No webhook endpoint with this id in your account.";
const deliveryContent = { "application/json": { schema: deliverySchema } };

const list = createRoute({
  ...common,
  method: "get",
  path: "/v1/webhooks/{id}/deliveries",
  summary: "The delivery log of an endpoint, newest first",
  middleware: [authenticate({ permission: "webhooks:read" })] as const,
  request: { params: webhookIdParams, query: deliveryListQuery },
  responses: { 200: { description: "A page", content: { "application/json": { schema: pageOf(deliverySchema, "WebhookDeliveryList") } } }, ...standardErrors, ...notFoundError },
});

const retry = createRoute({
  ...common,
  method: "post",
  path: "/v1/webhooks/{id}/deliveries/{deliveryId}/retry",
  summary: "Send a delivery again, now",
  description: "Puts a failed, delivered or waiting delivery back in line; the sender picks it up within a minute.",
  middleware: [authenticate({ permission: "webhooks:write" })] as const,
  request: { params: deliveryParams },
  responses: { 202: { description: "Queued", content: deliveryContent }, ...standardErrors, ...notFoundError },
});

const ping = createRoute({
  ...common,
  method: "post",
  path: "/v1/webhooks/{id}/test",
  summary: "Queue a `ping` event for this endpoint",
  middleware: [authenticate({ permission: "webhooks:write" })] as const,
  request: { params: webhookIdParams },
  responses: { 202: { description: "Queued", content: deliveryContent }, ...standardErrors, ...notFoundError, ...conflictError },
});

export function registerWebhookDeliveries(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(list, async (c) => {
    const tenantId = c.get("principal").tenantId;
    const { id } = c.req.valid("param");
    if (!(await getWebhook(c.get("db"), tenantId, id))) return problemFor(c, "not_found", { detail: NOT_FOUND });
    const q = c.req.valid("query");
    return c.json(toPage(await listDeliveries(c.get("db"), tenantId, id, q), q.limit, toDeliveryView), 200);
  });

  app.openapi(retry, async (c) => {
    const { id, deliveryId } = c.req.valid("param");
    const row = await retryDelivery(c.get("db"), c.get("principal").tenantId, id, deliveryId);
    if (!row) return problemFor(c, "not_found", { detail: "No delivery with this id for this endpoint in your account." });
    return c.json(toDeliveryView(row), 202);
  });

  app.openapi(ping, async (c) => {
    const tenantId = c.get("principal").tenantId;
    const endpoint = await getWebhook(c.get("db"), tenantId, c.req.valid("param").id);
    if (!endpoint) return problemFor(c, "not_found", { detail: NOT_FOUND });
    // A disabled endpoint is never sent anything, so a ping would only wait; say so instead.
    if (endpoint.status !== "active") return problemFor(c, "conflict", { detail: "The endpoint is disabled; enable it to test it." });
    return c.json(toDeliveryView(await queuePing(c.get("db"), tenantId, endpoint.id)), 202);
  });
}
