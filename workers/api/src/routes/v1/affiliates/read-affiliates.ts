import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { affiliateScope } from "../../../../../../core/auth/access";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, notFoundError, standardErrors } from "../../../lib/openapi-common";
import { toPage } from "../../../lib/pagination";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { getAffiliate, listAffiliates } from "../../../services/affiliates";
import { affiliateIdParams, affiliateListSchema, affiliateQuery, affiliateSchema } from "./schema";
import { toAffiliateView } from "./view";

const list = createRoute({
  method: "get",
  path: "/v1/affiliates",
  tags: ["Affiliates"],
  summary: "Affiliates, oldest first, filtered by status and group",
  security: bearerAuth,
  middleware: [authenticate({ permission: "affiliates:read" })] as const,
  request: { query: affiliateQuery },
  responses: { 200: { description: "A page", content: { "application/json": { schema: affiliateListSchema } } }, ...standardErrors },
});

const get = createRoute({
  method: "get",
  path: "/v1/affiliates/{id}",
  tags: ["Affiliates"],
  summary: "Get an affiliate",
  security: bearerAuth,
  middleware: [authenticate({ permission: "affiliates:read" })] as const,
  request: { params: affiliateIdParams },
  responses: { 200: { description: "The affiliate", content: { "application/json": { schema: affiliateSchema } } }, ...standardErrors, ...notFoundError },
});

// Affiliate users are filtered to themselves here too, should their role ever be granted affiliates:read.
export function registerReadAffiliates(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    const principal = c.get("principal");
    const rows = await listAffiliates(c.get("db"), principal.tenantId, affiliateScope(principal), q);
    return c.json(toPage(rows, q.limit, toAffiliateView), 200);
  });

  app.openapi(get, async (c) => {
    const principal = c.get("principal");
    const row = await getAffiliate(c.get("db"), principal.tenantId, affiliateScope(principal), c.req.valid("param").id);
    if (!row) return problemFor(c, "not_found", { detail: "No affiliate with this id in your account." });
    return c.json(toAffiliateView(row), 200);
  });
}
