import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { affiliateScope } from "../../../../../../core/auth/access";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, standardErrors } from "../../../lib/openapi-common";
import { toPage } from "../../../lib/pagination";
import { authenticate } from "../../../middleware/authenticate";
import { listLinks } from "../../../services/link-list";
import { linkListSchema, linkQuery } from "./list-schema";
import { toLinkView } from "./view";

const route = createRoute({
  method: "get",
  path: "/v1/links",
  tags: ["Links"],
  summary: "Links, oldest first, filtered by campaign, affiliate and status",
  description: "Affiliate users see only their own links.",
  security: bearerAuth,
  middleware: [authenticate({ permission: "links:read" })] as const,
  request: { query: linkQuery },
  responses: { 200: { description: "A page of links", content: { "application/json": { schema: linkListSchema } } }, ...standardErrors },
});

export function registerListLinks(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(route, async (c) => {
    const q = c.req.valid("query");
    const principal = c.get("principal");
    const rows = await listLinks(c.get("db"), principal.tenantId, q, affiliateScope(principal));
    return c.json(toPage(rows, q.limit, (r) => toLinkView(c.env, r)), 200);
  });
}
