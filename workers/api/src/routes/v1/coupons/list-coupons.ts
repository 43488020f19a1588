import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { affiliateScope } from "../../../../../../core/auth/access";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, standardErrors } from "../../../lib/openapi-common";
import { toPage } from "../../../lib/pagination";
import { authenticate } from "../../../middleware/authenticate";
import { listCoupons } from "../../../services/coupons";
import { couponListSchema, couponQuery } from "./list-schema";
import { toCouponView } from "./view";

const route = createRoute({
  method: "get",
  path: "/v1/coupons",
  tags: ["Coupons"],
  summary: "Coupons, oldest first, filtered by campaign, affiliate, code and status",
  description: "Affiliate users see only their own coupons.",
  security: bearerAuth,
  middleware: [authenticate({ permission: "links:read" })] as const,
  request: { query: couponQuery },
  responses: { 200: { description: "A page of coupons", content: { "application/json": { schema: couponListSchema } } }, ...standardErrors },
});

export function registerListCoupons(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(route, async (c) => {
    const q = c.req.valid("query");
    const principal = c.get("principal");
    const rows = await listCoupons(c.get("db"), principal.tenantId, q, affiliateScope(principal));
    return c.json(toPage(rows, q.limit, toCouponView), 200);
  });
}
