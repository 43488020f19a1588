import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, conflictError, standardErrors } from "../../../lib/openapi-common";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { createAffiliate } from "../../../services/affiliates";
import { createAffiliateBody, createdAffiliateSchema } from "./schema";
import { toAffiliateView } from "./view";

const route = createRoute({
  method: "post",
  path: "/v1/affiliates",
  tags: ["Affiliates"],
  summary: "Add an affiliate, optionally inviting them to the dashboard",
  description: "With `invite: true` the response carries a one-time token (shown only here) for the affiliate to choose a password with POST /v1/auth/accept-invite.",
  security: bearerAuth,
  middleware: [authenticate({ permission: "affiliates:write" })] as const,
  request: { body: { required: true, content: { "application/json": { schema: createAffiliateBody } } } },
  responses: {
    201: { description: "The affiliate, with the invite when one was asked for", content: { "application/json": { schema: createdAffiliateSchema } } },
    ...standardErrors,
    ...conflictError,
  },
});

export function registerCreateAffiliate(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(route, async (c) => {
    const result = await createAffiliate(c.get("db"), c.get("principal").tenantId, c.req.valid("json"));
    if (!result.ok) {
      const { detail, pointer } = result.error;
      return problemFor(c, "conflict", { detail, errors: pointer ? [{ pointer, detail }] : undefined });
    }
    const { row, invite } = result.value;
    const body = { ...toAffiliateView(row), ...(invite ? { invite: { ...invite, expiresAt: invite.expiresAt.toISOString() } } : {}) };
    // The invite token must not linger in caches or logs along the way.
    return c.json(body, 201, { location: `/v1/affiliates/${row.id}`, "cache-control": "no-store" });
  });
}
