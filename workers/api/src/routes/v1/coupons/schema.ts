import { z } from "@hono/zod-openapi";
import { isId } from "../../../../../../core/ids";
import { strictBody } from "../../../lib/strict-body";

/**
 * What shoppers type at checkout: letters, digits, `-` and `_`, 2-64 characters after trimming. The same
 * characters every store platform accepts for discount codes; case is kept as given, but two codes that
 * differ only in case are the same coupon (shoppers type them in any case).
 */
export const couponCodeSchema = z
  .string()
  .trim()
  .min(2, "must be at least 2 characters")
  .max(64, "must be at most 64 characters")
  .regex(/^[A-Za-z0-9_-]+$/, "only letters, digits, - and _");

const campaignId = z.string().refine((v) => isId("campaign", v), "expected a campaign id (cmp_...)");
const affiliateId = z.string().refine((v) => isId("affiliate", v), "expected an affiliate id (aff_...)");

export const createCouponBody = strictBody({
  code: couponCodeSchema.openapi({ example: "MARIA10", description: "Letters, digits, - and _; 2-64 characters; unique in your account whatever the case." }),
  affiliateId: affiliateId.openapi({ example: "aff_01JB8Z5Q3X0000000000000000", description: "An active affiliate approved in the campaign." }),
  campaignId: campaignId.openapi({ example: "cmp_01JB8Z5Q3X0000000000000000" }),
})
  .openapi("CreateCoupon");

export const couponSchema = z
  .object({
    id: z.string().openapi({ example: "cpn_01JB8Z5Q3X0000000000000000" }),
    code: z.string().openapi({ example: "MARIA10" }),
    affiliateId: z.string(),
    campaignId: z.string(),
    status: z.enum(["active", "disabled"]),
    createdAt: z.string().openapi({ format: "date-time" }),
    disabledAt: z.string().nullable().openapi({ format: "date-time", description: "When it stopped matching new orders; null while active." }),
  })
  .openapi("Coupon");

export const couponIdParams = z.object({
  id: z.string().refine((v) => isId("coupon", v), "expected a coupon id (cpn_...)").openapi({ param: { name: "id", in: "path" }, example: "cpn_01JB8Z5Q3X0000000000000000" }),
});

export const updateCouponBody = strictBody({
  status: z.enum(["active", "disabled"]).openapi({
    description: "A disabled coupon matches no new order; past orders keep their attribution. Its code stays taken, so it can be enabled again.",
  }),
})
  .openapi("UpdateCoupon");

export type CreateCouponInput = z.infer<typeof createCouponBody>;
export type CouponView = z.infer<typeof couponSchema>;
