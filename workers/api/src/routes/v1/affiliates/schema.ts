import { z } from "@hono/zod-openapi";
import { pageOf, pageQuery } from "../../../lib/pagination";
import { email } from "../auth/schema";
import { idOf, label } from "../fields";
import { strictBody } from "../../../lib/strict-body";

export const AFFILIATE_STATUSES = ["active", "pending", "suspended"] as const;

const group = label(64).openapi({ description: "The merchant's group for the affiliate (vip, influencers); commission rules may pay groups their own rate", example: "influencers" });

export const createAffiliateBody = strictBody({
  name: label(200).openapi({ example: "Maria Souza" }),
  email: email.openapi({ example: "maria@example.com" }),
  status: z.enum(["active", "pending"]).default("active").openapi({ description: "pending: signed up, waiting for approval" }),
  affiliateGroup: group.nullable().optional(),
  invite: z.boolean().default(false).openapi({ description: "Also create the affiliate's dashboard user and return a one-time invite token (valid 7 days) to send them" }),
})
  .openapi("CreateAffiliate");

export const updateAffiliateBody = strictBody({
  name: label(200),
  affiliateGroup: group.nullable().openapi({ description: "null takes the affiliate out of any group" }),
  status: z.enum(AFFILIATE_STATUSES).openapi({ description: "active approves a pending affiliate or reactivates a suspended one; suspended stops tracking on all its links within seconds" }),
})
  .partial()
  .openapi("UpdateAffiliate");

export const affiliateSchema = z
  .object({
    id: z.string().openapi({ example: "aff_01JB8Z5Q3X0000000000000000" }),
    name: z.string(),
    email: z.string(),
    status: z.enum(AFFILIATE_STATUSES),
    affiliateGroup: z.string().nullable(),
    createdAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Affiliate");

export const createdAffiliateSchema = affiliateSchema
  .extend({
    invite: z
      .object({
        userId: z.string(),
        token: z.string().openapi({ description: "Shown once; the affiliate accepts it with POST /v1/auth/accept-invite" }),
        expiresAt: z.string().openapi({ format: "date-time" }),
      })
      .optional(),
  })
  .openapi("CreatedAffiliate");

export const affiliateListSchema = pageOf(affiliateSchema, "AffiliateList");

export const affiliateQuery = z.object({
  status: z.enum(AFFILIATE_STATUSES).optional().openapi({ param: { name: "status", in: "query" } }),
  group: z.string().max(64).optional().openapi({ param: { name: "group", in: "query" }, description: "Only affiliates of this group" }),
  ...pageQuery,
});

export const affiliateIdParams = z.object({
  id: idOf("affiliate", "aff").openapi({ param: { name: "id", in: "path" }, example: "aff_01JB8Z5Q3X0000000000000000" }),
});

export type CreateAffiliateInput = z.infer<typeof createAffiliateBody>;
export type UpdateAffiliateInput = z.infer<typeof updateAffiliateBody>;
export type AffiliateView = z.infer<typeof affiliateSchema>;
