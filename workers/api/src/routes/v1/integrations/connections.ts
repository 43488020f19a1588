/** Integration connections: a merchant's Shopify, WooCommerce, Nuvemshop or Stripe sending its webhooks to Indica. */
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { newId } from "../../../../../../core/ids";
import { seal } from "../../../../../../core/secret-box";
import { generateWebhookSecret } from "../../../../../../core/webhook-signature";
import { deleteConnection, listConnections, type ConnectionRow } from "../../../../../../db/queries/integration-connections";
import { integrationConnections } from "../../../../../../db/schema";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, notFoundError, standardErrors } from "../../../lib/openapi-common";
import { pageOf, toPage } from "../../../lib/pagination";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { connectionIdParams, connectionListQuery, connectionSchema, connectionWithSecretSchema, createConnectionBody } from "./schema";

const tags = ["Integrations"];
// Connection secrets verify money events: the same permission as webhook signing secrets (owners, admins).

const create = createRoute({
  method: "post", path: "/v1/integrations", tags, security: bearerAuth, middleware: [authenticate({ permission: "webhooks:write" })] as const,
  summary: "Connect a store or billing platform (Shopify, WooCommerce, Nuvemshop, Stripe)",
  description: "Answers with the webhook path to configure on the platform. See docs/integrations/.",
  request: { body: { required: true, content: { "application/json": { schema: createConnectionBody } } } },
  responses: { 201: { description: "The connection", content: { "application/json": { schema: connectionWithSecretSchema } } }, ...standardErrors },
});

const list = createRoute({
  method: "get", path: "/v1/integrations", tags, security: bearerAuth, middleware: [authenticate({ permission: "webhooks:read" })] as const,
  summary: "Integration connections, oldest first (never their secrets)",
  request: { query: connectionListQuery },
  responses: { 200: { description: "A page", content: { "application/json": { schema: pageOf(connectionSchema, "IntegrationConnectionList") } } }, ...standardErrors },
});

const remove = createRoute({
  method: "delete", path: "/v1/integrations/{id}", tags, security: bearerAuth, middleware: [authenticate({ permission: "webhooks:write" })] as const,
  summary: "Disconnect: its webhooks are refused from then on (within 30 s)",
  request: { params: connectionIdParams },
  responses: { 204: { description: "Deleted" }, ...standardErrors, ...notFoundError },
});

const view = (r: ConnectionRow) => ({
  id: r.id,
  platform: r.platform as "shopify",
  name: r.name,
  externalAccount: r.externalAccount,
  webhookPath: `/v1/integrations/${r.platform}/${r.id}`,
  createdAt: r.createdAt.toISOString(),
});

export function registerIntegrationConnections(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(create, async (c) => {
    const input = c.req.valid("json");
    const made = input.secret ? null : generateWebhookSecret();
    const key = c.env.SECRETS_KEY;
    const [row] = await c
      .get("db")
      .insert(integrationConnections)
      .values({
        id: newId("integration"),
        tenantId: c.get("principal").tenantId,
        platform: input.platform,
        name: input.name,
        sealedSecret: await seal(input.secret ?? made!, key),
        sealedAccessToken: input.accessToken ? await seal(input.accessToken, key) : null,
        externalAccount: input.externalAccount ?? null,
      })
      .returning();
    return c.json({ ...view(row), secret: made }, 201, { location: `/v1/integrations/${row.id}` });
  });

  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    const rows = await listConnections(c.get("db"), c.get("principal").tenantId, q.limit, q.cursor);
    return c.json(toPage(rows, q.limit, view), 200);
  });

  app.openapi(remove, async (c) => {
    const gone = await deleteConnection(c.get("db"), c.get("principal").tenantId, c.req.valid("param").id);
    if (!gone) return problemFor(c, "not_found", { detail: "No integration connection with this id in your account." });
    return c.body(null, 204);
  });
}
