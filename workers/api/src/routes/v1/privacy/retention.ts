/** The merchant's retention policy, applied by the daily lifecycle job (docs/data-model.md, Retention). */
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { retentionPolicies } from "../../../../../../db/schema";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, standardErrors } from "../../../lib/openapi-common";
import { authenticate } from "../../../middleware/authenticate";
import { retentionBody, retentionView } from "./schema";

const DEFAULTS = { rawEventMonths: 25, ipHashDays: 30 };

const read = createRoute({
  method: "get",
  path: "/v1/privacy/retention",
  tags: ["Privacy"],
  summary: "Your retention policy (defaults when never set)",
  security: bearerAuth,
  middleware: [authenticate({ permission: "privacy:read" })] as const,
  responses: { 200: { description: "The policy", content: { "application/json": { schema: retentionView } } }, ...standardErrors },
});

const write = createRoute({
  method: "put",
  path: "/v1/privacy/retention",
  tags: ["Privacy"],
  summary: "Set your retention policy",
  security: bearerAuth,
  middleware: [authenticate({ permission: "privacy:write" })] as const,
  request: { body: { required: true, content: { "application/json": { schema: retentionBody } } } },
  responses: { 200: { description: "The policy", content: { "application/json": { schema: retentionView } } }, ...standardErrors },
});

export function registerRetention(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(read, async (c) => {
    const [row] = await c.get("db").select().from(retentionPolicies).where(eq(retentionPolicies.tenantId, c.get("principal").tenantId));
    return c.json(row ? { rawEventMonths: row.rawEventMonths, ipHashDays: row.ipHashDays } : DEFAULTS, 200);
  });
  app.openapi(write, async (c) => {
    const b = c.req.valid("json");
    const values = { tenantId: c.get("principal").tenantId, ...b, updatedAt: new Date() };
    await c.get("db").insert(retentionPolicies).values(values).onConflictDoUpdate({ target: retentionPolicies.tenantId, set: { ...b, updatedAt: values.updatedAt } });
    return c.json(b, 200);
  });
}
