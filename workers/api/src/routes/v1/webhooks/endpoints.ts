import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, notFoundError, standardErrors } from "../../../lib/openapi-common";
import { pageOf, toPage } from "../../../lib/pagination";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { createWebhook, getWebhook, listWebhooks } from "../../../services/webhook-endpoints";
import { createWebhookBody, webhookIdParams, webhookListQuery, webhookSchema, webhookWithSecretSchema } from "./schema";
import { webhookUrlProblem } from "./url-policy";
import { toWebhookView } from "./view";

const create = createRoute({
  method: "post",
  path: "/v1/webhooks",
  tags: ["Webhooks"],
  summary: "Subscribe a URL to events",
  description: "Answers with the endpoint's signing secret (`whsec_...`), shown only this once. See docs/webhooks.md for events and signatures.",
  security: bearerAuth,
  middleware: [authenticate({ permission: "webhooks:write" })] as const,
  request: { body: { required: true, content: { "application/json": { schema: createWebhookBody } } } },
  responses: { 201: { description: "The endpoint and its secret", content: { "application/json": { schema: webhookWithSecretSchema } } }, ...standardErrors },
});

const list = createRoute({
  method: "get",
  path: "/v1/webhooks",
  tags: ["Webhooks"],
  summary: "Webhook endpoints, oldest first",
  security: bearerAuth,
  middleware: [authenticate({ permission: "webhooks:read" })] as const,
  request: { query: webhookListQuery },
  responses: { 200: { description: "A page", content: { "application/json": { schema: pageOf(webhookSchema, "WebhookList") } } }, ...standardErrors },
});

const get = createRoute({
  method: "get",
  path: "/v1/webhooks/{id}",
  tags: ["Webhooks"],
  summary: "Get a webhook endpoint (never its secret)",
  security: bearerAuth,
  middleware: [authenticate({ permission: "webhooks:read" })] as const,
  request: { params: webhookIdParams },
  responses: { 200: { description: "The endpoint", content: { "application/json": { schema: webhookSchema } } }, ...standardErrors, ...notFoundError },
});

export function registerWebhookEndpoints(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(create, async (c) => {
    const input = c.req.valid("json");
    const bad = webhookUrlProblem(c, input.url);
    if (bad) return bad;
    const { row, secret } = await createWebhook(c.get("db"), c.get("principal").tenantId, input, c.env.SECRETS_KEY);
    return c.json({ ...toWebhookView(row), secret }, 201, { location: `/v1/webhooks/${row.id}` });
  });

  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    const rows = await listWebhooks(c.get("db"), c.get("principal").tenantId, q.limit, q.cursor);
    return c.json(toPage(rows, q.limit, toWebhookView), 200);
  });

  app.openapi(get, async (c) => {
    const row = await getWebhook(c.get("db"), c.get("principal").tenantId, c.req.valid("param").id);
    if (!row) return problemFor(c, "not_found", { detail: "No webhook endpoint with this id in your account." });
    return c.json(toWebhookView(row), 200);
  });
}
