import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { ApiHonoEnv } from "../../../env";
import { isoDate } from "../../../lib/fields";
import { bearerAuth, notFoundError, standardErrors } from "../../../lib/openapi-common";
import { toPage } from "../../../lib/pagination";
import { problemForError } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { createApiKey, listApiKeys, revokeApiKey, rotateApiKey, type ApiKeyRow } from "../../../services/api-keys";
import { apiKeyIdParams, apiKeyListSchema, apiKeyQuery, apiKeySchema, createApiKeyBody, createdApiKeySchema, rotateApiKeyBody } from "./schema";

const toView = (r: ApiKeyRow) => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  scopes: r.scopes,
  createdAt: r.createdAt.toISOString(),
  lastUsedAt: isoDate(r.lastUsedAt),
  expiresAt: isoDate(r.expiresAt),
  revokedAt: isoDate(r.revokedAt),
});

const created = { description: "The key, shown this once", content: { "application/json": { schema: createdApiKeySchema } } };

const list = createRoute({
  method: "get", path: "/v1/api-keys", tags: ["API keys"], summary: "Your API keys (never the keys themselves)",
  security: bearerAuth, middleware: [authenticate({ permission: "api_keys:read" })] as const, request: { query: apiKeyQuery },
  responses: { 200: { description: "A page of keys", content: { "application/json": { schema: apiKeyListSchema } } }, ...standardErrors },
});
const create = createRoute({
  method: "post", path: "/v1/api-keys", tags: ["API keys"], summary: "Create an API key",
  description: "Keys are stored hashed: the key is in this response only. Scopes cannot exceed your own permissions.",
  security: bearerAuth, middleware: [authenticate({ permission: "api_keys:write" })] as const, request: { body: { required: true, content: { "application/json": { schema: createApiKeyBody } } } },
  responses: { 201: created, ...standardErrors },
});
const rotate = createRoute({
  method: "post", path: "/v1/api-keys/{id}/rotate", tags: ["API keys"], summary: "Replace a key with a new one",
  security: bearerAuth, middleware: [authenticate({ permission: "api_keys:write" })] as const,
  request: { params: apiKeyIdParams, body: { required: false, content: { "application/json": { schema: rotateApiKeyBody } } } },
  responses: { 201: created, ...standardErrors, ...notFoundError },
});
const revoke = createRoute({
  method: "delete", path: "/v1/api-keys/{id}", tags: ["API keys"], summary: "Revoke a key: it stops working at once",
  security: bearerAuth, middleware: [authenticate({ permission: "api_keys:write" })] as const, request: { params: apiKeyIdParams },
  responses: { 200: { description: "The revoked key", content: { "application/json": { schema: apiKeySchema } } }, ...standardErrors, ...notFoundError },
});

export function registerApiKeys(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    return c.json(toPage(await listApiKeys(c.get("db"), c.get("principal").tenantId, q), q.limit, toView), 200);
  });
  app.openapi(create, async (c) => {
    const result = await createApiKey(c.get("db"), c.get("principal"), c.req.valid("json"));
    if (!result.ok) return problemForError(c, result.error);
    return c.json({ apiKey: toView(result.value.row), key: result.value.key }, 201, { "cache-control": "no-store" });
  });
  app.openapi(rotate, async (c) => {
    const body = c.req.valid("json") ?? { graceSeconds: 0 };
    const result = await rotateApiKey(c.get("db"), c.get("principal"), c.req.valid("param").id, body.graceSeconds);
    if (!result.ok) return problemForError(c, result.error);
    return c.json({ apiKey: toView(result.value.row), key: result.value.key }, 201, { "cache-control": "no-store" });
  });
  app.openapi(revoke, async (c) => {
    const result = await revokeApiKey(c.get("db"), c.get("principal"), c.req.valid("param").id);
    if (!result.ok) return problemForError(c, result.error);
    return c.json(toView(result.value), 200);
  });
}
