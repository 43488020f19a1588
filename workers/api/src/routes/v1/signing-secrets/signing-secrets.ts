import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { ApiHonoEnv } from "../../../env";
import { isoDate } from "../../../lib/fields";
import { bearerAuth, notFoundError, standardErrors } from "../../../lib/openapi-common";
import { toPage } from "../../../lib/pagination";
import { problemForError } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { createSigningSecret, listSigningSecrets, revokeSigningSecret, type SigningSecretRow } from "../../../services/signing-secrets";
import { createdSigningSecretSchema, createSigningSecretBody, SIGNING_SCOPES, signingSecretIdParams, signingSecretListSchema, signingSecretQuery, signingSecretSchema } from "./schema";

// The sealed secret never leaves the database: views are built field by field.
const toView = (r: SigningSecretRow) => ({ id: r.id, scopes: r.scopes, createdAt: r.createdAt.toISOString(), revokedAt: isoDate(r.revokedAt) });

const TAGS = ["Signing secrets"];

// Managing them is managing credentials: the same permissions as API keys.
const list = createRoute({
  method: "get", path: "/v1/signing-secrets", tags: TAGS, summary: "Your signing secrets (never the secrets themselves)",
  security: bearerAuth, middleware: [authenticate({ permission: "api_keys:read" })] as const, request: { query: signingSecretQuery },
  responses: { 200: { description: "A page of signing secrets", content: { "application/json": { schema: signingSecretListSchema } } }, ...standardErrors },
});
const create = createRoute({
  method: "post", path: "/v1/signing-secrets", tags: TAGS, summary: "Create a secret for signed server requests",
  description:
    "For `Indica-Key-Id` + `Indica-Signature` on the tracking host's `/v1/conversions`, `/v1/conversions/batch` and `/v1/refunds` " +
    "instead of an API key. The secret is stored encrypted and is in this response only.",
  security: bearerAuth, middleware: [authenticate({ permission: "api_keys:write" })] as const,
  request: { body: { required: false, content: { "application/json": { schema: createSigningSecretBody } } } },
  responses: { 201: { description: "The secret, shown this once", content: { "application/json": { schema: createdSigningSecretSchema } } }, ...standardErrors },
});
const revoke = createRoute({
  method: "delete", path: "/v1/signing-secrets/{id}", tags: TAGS, summary: "Revoke a signing secret",
  description: "Idempotent. Signatures made with it are refused within 30 seconds (the tracking Worker keeps verified credentials that long).",
  security: bearerAuth, middleware: [authenticate({ permission: "api_keys:write" })] as const, request: { params: signingSecretIdParams },
  responses: { 200: { description: "The revoked secret", content: { "application/json": { schema: signingSecretSchema } } }, ...standardErrors, ...notFoundError },
});

export function registerSigningSecrets(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    return c.json(toPage(await listSigningSecrets(c.get("db"), c.get("principal").tenantId, q), q.limit, toView), 200);
  });
  app.openapi(create, async (c) => {
    const scopes = c.req.valid("json")?.scopes ?? SIGNING_SCOPES;
    const result = await createSigningSecret(c.get("db"), c.get("principal"), [...new Set(scopes)], c.env.SECRETS_KEY);
    if (!result.ok) return problemForError(c, result.error);
    return c.json({ ...toView(result.value.row), secret: result.value.secret }, 201, { "cache-control": "no-store" });
  });
  app.openapi(revoke, async (c) => {
    const result = await revokeSigningSecret(c.get("db"), c.get("principal").tenantId, c.req.valid("param").id);
    if (!result.ok) return problemForError(c, result.error);
    return c.json(toView(result.value), 200);
  });
}
