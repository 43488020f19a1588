/** The caller's own merchant account: its settings for links, cookies, consent and alerts. */
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { tenants } from "../../../../../../db/schema";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, standardErrors } from "../../../lib/openapi-common";
import { authenticate } from "../../../middleware/authenticate";
import { forgetTenantCaches } from "../../../services/tenant-cache";
import { tenantSchema, updateTenantBody } from "./schema";

const toView = (t: typeof tenants.$inferSelect) => ({
  ...t,
  consentMode: t.consentMode === "required" ? ("required" as const) : ("not_required" as const),
  createdAt: t.createdAt.toISOString(),
});

const get = createRoute({
  method: "get", path: "/v1/tenant", tags: ["Account"], summary: "Your merchant account and its settings",
  security: bearerAuth, middleware: [authenticate({ permission: "tenant:read" })] as const,
  responses: { 200: { description: "The account", content: { "application/json": { schema: tenantSchema } } }, ...standardErrors },
});

const update = createRoute({
  method: "patch", path: "/v1/tenant", tags: ["Account"], summary: "Change your account's settings",
  description: "Link and tracking settings reach the edge within about a minute: cached links and site settings are dropped.",
  security: bearerAuth, middleware: [authenticate({ permission: "tenant:write" })] as const,
  request: { body: { required: true, content: { "application/json": { schema: updateTenantBody } } } },
  responses: { 200: { description: "The account", content: { "application/json": { schema: tenantSchema } } }, ...standardErrors },
});

export function registerTenant(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(get, async (c) => {
    const [row] = await c.get("db").select().from(tenants).where(eq(tenants.id, c.get("principal").tenantId));
    return c.json(toView(row), 200);
  });
  app.openapi(update, async (c) => {
    const tenantId = c.get("principal").tenantId;
    const [row] = await c.get("db").update(tenants).set(c.req.valid("json")).where(eq(tenants.id, tenantId)).returning();
    c.get("afterCommit")("tenant cache refresh", (db) => forgetTenantCaches(db, c.env.EDGE_CACHE, tenantId));
    return c.json(toView(row), 200);
  });
}
