import { z } from "@hono/zod-openapi";
import { isId } from "../../../../../../core/ids";
import { pageOf, pageQuery } from "../../../lib/pagination";
import { linkSchema } from "./schema";

export const linkQuery = z.object({
  campaignId: z.string().refine((v) => isId("campaign", v), "expected a campaign id (cmp_...)").optional().openapi({ param: { name: "campaignId", in: "query" } }),
  affiliateId: z
    .string()
    .refine((v) => isId("affiliate", v), "expected an affiliate id (aff_...)")
    .optional()
    .openapi({ param: { name: "affiliateId", in: "query" }, description: "Affiliate users see only their own links whatever this says." }),
  status: z.enum(["active", "disabled"]).optional().openapi({ param: { name: "status", in: "query" } }),
  ...pageQuery,
});

export const linkListSchema = pageOf(linkSchema, "LinkList");
