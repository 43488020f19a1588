import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { affiliateScope } from "../../../../../../core/auth/access";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, notFoundError, standardErrors } from "../../../lib/openapi-common";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { getCoupon } from "../../../services/coupons";
import { couponIdParams, couponSchema } from "./schema";
import { toCouponView } from "./view";

const route = createRoute({
  method: "get",
  path: "/v1/coupons/{id}",
  tags: ["Coupons"],
  summary: "Get a coupon",
  description: "Affiliate users get only their own coupons.",
  security: bearerAuth,
  middleware: [authenticate({ permission: "links:read" })] as const,
  request: { params: couponIdParams },
  responses: {
    200: { description: "The coupon", content: { "application/json": { schema: couponSchema } } },
    ...standardErrors,
    ...notFoundError,
  },
});

export function registerGetCoupon(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(route, async (c) => {
    const principal = c.get("principal");
    const row = await getCoupon(c.get("db"), principal.tenantId, c.req.valid("param").id, affiliateScope(principal));
    if (!row) return problemFor(c, "not_found", { detail: "No coupon with this id in your account." });
    return c.json(toCouponView(row), 200);
  });
}
