import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, conflictError, standardErrors, unprocessableError } from "../../../lib/openapi-common";
import { problemForError } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { createCoupon } from "../../../services/coupons";
import { merchantsOnly } from "./merchants-only";
import { couponSchema, createCouponBody } from "./schema";
import { toCouponView } from "./view";

const route = createRoute({
  method: "post",
  path: "/v1/coupons",
  tags: ["Coupons"],
  summary: "Give an affiliate a coupon code",
  description:
    "An order that uses the code (sent as `coupon`, in any case) is the affiliate's even without a click; the campaign's conflict rules decide when it also has clicks. The affiliate must be an approved member of the campaign. Create the same code as a discount in your store. Affiliate users cannot create coupons.",
  security: bearerAuth,
  middleware: [authenticate({ permission: "links:write" }), merchantsOnly] as const,
  request: { body: { required: true, content: { "application/json": { schema: createCouponBody } } } },
  responses: {
    201: { description: "The coupon", content: { "application/json": { schema: couponSchema } } },
    ...standardErrors,
    ...conflictError,
    ...unprocessableError,
  },
});

export function registerCreateCoupon(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(route, async (c) => {
    const result = await createCoupon(c.get("db"), c.get("principal").tenantId, c.req.valid("json"));
    if (!result.ok) return problemForError(c, result.error);
    return c.json(toCouponView(result.value), 201, { location: `/v1/coupons/${result.value.id}` });
  });
}
