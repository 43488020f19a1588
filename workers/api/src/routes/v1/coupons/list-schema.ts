import { z } from "@hono/zod-openapi";
import { isId } from "../../../../../../core/ids";
import { pageOf, pageQuery } from "../../../lib/pagination";
import { couponCodeSchema, couponSchema } from "./schema";

export const couponQuery = z.object({
  campaignId: z.string().refine((v) => isId("campaign", v), "expected a campaign id (cmp_...)").optional().openapi({ param: { name: "campaignId", in: "query" } }),
  affiliateId: z
    .string()
    .refine((v) => isId("affiliate", v), "expected an affiliate id (aff_...)")
    .optional()
    .openapi({ param: { name: "affiliateId", in: "query" }, description: "Affiliate users see only their own coupons whatever this says." }),
  code: couponCodeSchema.optional().openapi({ param: { name: "code", in: "query" }, description: "The coupon with this code, in any case." }),
  status: z.enum(["active", "disabled"]).optional().openapi({ param: { name: "status", in: "query" } }),
  ...pageQuery,
});

export const couponListSchema = pageOf(couponSchema, "CouponList");
