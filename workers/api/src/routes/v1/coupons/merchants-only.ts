import type { MiddlewareHandler } from "hono";
import { affiliateScope } from "../../../../../../core/auth/access";
import type { ApiHonoEnv } from "../../../env";
import { problemFor } from "../../../lib/problem";

/**
 * Affiliate users hold `links:write` (they make their own links) but not coupons: a coupon is a discount
 * the merchant configures in the store, so only the merchant can say which code is whose.
 */
export const merchantsOnly: MiddlewareHandler<ApiHonoEnv> = async (c, next) => {
  if (affiliateScope(c.get("principal")) !== null) return problemFor(c, "forbidden", { detail: "Coupons are managed by the merchant; affiliate users can only read their own." });
  await next();
};
