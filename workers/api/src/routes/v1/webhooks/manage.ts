import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, notFoundError, standardErrors } from "../../../lib/openapi-common";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { deleteWebhook, rotateWebhookSecret, updateWebhook } from "../../../services/webhook-endpoints";
import { updateWebhookBody, webhookIdParams, webhookSchema, webhookSecretSchema } from "./schema";
import { webhookUrlProblem } from "./url-policy";
import { toWebhookView } from "./view";

const NOT_FOUND = "No webhook endpoint with this id in your account.";

const update = createRoute({
  method: "patch",
  path: "/v1/webhooks/{id}",
  tags: ["Webhooks"],
  summary: "Change a webhook endpoint's URL, description, event types or status",
  description: "A disabled endpoint keeps its events queued and is sent them once active again.",
  security: bearerAuth,
  middleware: [authenticate({ permission: "webhooks:write" })] as const,
  request: { params: webhookIdParams, body: { required: true, content: { "application/json": { schema: updateWebhookBody } } } },
  responses: { 200: { description: "The endpoint", content: { "application/json": { schema: webhookSchema } } }, ...standardErrors, ...notFoundError },
});

const remove = createRoute({
  method: "delete",
  path: "/v1/webhooks/{id}",
  tags: ["Webhooks"],
  summary: "Delete a webhook endpoint and its delivery log",
  security: bearerAuth,
  middleware: [authenticate({ permission: "webhooks:write" })] as const,
  request: { params: webhookIdParams },
  responses: { 204: { description: "Deleted" }, ...standardErrors, ...notFoundError },
});

const rotate = createRoute({
  method: "post",
  path: "/v1/webhooks/{id}/rotate-secret",
  tags: ["Webhooks"],
  summary: "Replace the signing secret",
  description: "The new secret is shown only this once and signs every delivery from now on, queued ones included.",
  security: bearerAuth,
  middleware: [authenticate({ permission: "webhooks:write" })] as const,
  request: { params: webhookIdParams },
  responses: { 200: { description: "The new secret", content: { "application/json": { schema: webhookSecretSchema } } }, ...standardErrors, ...notFoundError },
});

export function registerWebhookManagement(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(update, async (c) => {
    const patch = c.req.valid("json");
    const bad = webhookUrlProblem(c, patch.url);
    if (bad) return bad;
    const row = await updateWebhook(c.get("db"), c.get("principal").tenantId, c.req.valid("param").id, patch);
    if (!row) return problemFor(c, "not_found", { detail: NOT_FOUND });
    return c.json(toWebhookView(row), 200);
  });

  app.openapi(remove, async (c) => {
    if (!(await deleteWebhook(c.get("db"), c.get("principal").tenantId, c.req.valid("param").id))) return problemFor(c, "not_found", { detail: NOT_FOUND });
    return c.body(null, 204);
  });

  app.openapi(rotate, async (c) => {
    const id = c.req.valid("param").id;
    const secret = await rotateWebhookSecret(c.get("db"), c.get("principal").tenantId, id, c.env.SECRETS_KEY);
    if (!secret) return problemFor(c, "not_found", { detail: NOT_FOUND });
    return c.json({ id, secret }, 200);
  });
}
