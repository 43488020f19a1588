import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, notFoundError, standardErrors } from "../../../lib/openapi-common";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { setCouponStatus } from "../../../services/coupons";
import { merchantsOnly } from "./merchants-only";
import { couponIdParams, couponSchema, updateCouponBody } from "./schema";
import { toCouponView } from "./view";

/**
 * Coupons are disabled, not deleted: reports and re-attribution find the campaign of a past coupon order
 * by joining coupons on its code, so removing the row would take the order's attribution with it.
 */
const route = createRoute({
  method: "patch",
  path: "/v1/coupons/{id}",
  tags: ["Coupons"],
  summary: "Disable or enable a coupon",
  description: "Orders received while a coupon is disabled are not matched by it; orders before keep their attribution. Affiliate users cannot change coupons.",
  security: bearerAuth,
  middleware: [authenticate({ permission: "links:write" }), merchantsOnly] as const,
  request: { params: couponIdParams, body: { required: true, content: { "application/json": { schema: updateCouponBody } } } },
  responses: {
    200: { description: "The coupon as it is now", content: { "application/json": { schema: couponSchema } } },
    ...standardErrors,
    ...notFoundError,
  },
});

export function registerUpdateCoupon(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(route, async (c) => {
    const row = await setCouponStatus(c.get("db"), c.get("principal").tenantId, c.req.valid("param").id, c.req.valid("json").status);
    if (!row) return problemFor(c, "not_found", { detail: "No coupon with this id in your account." });
    return c.json(toCouponView(row), 200);
  });
}
