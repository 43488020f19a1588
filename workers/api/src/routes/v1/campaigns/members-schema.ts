import { z } from "@hono/zod-openapi";
import { pageOf, pageQuery } from "../../../lib/pagination";
import { idOf } from "../fields";
import { strictBody } from "../../../lib/strict-body";

export const MEMBERSHIP_STATUSES = ["pending", "approved", "rejected"] as const;

export const memberSchema = z
  .object({
    // Lists always carried it (it is the page cursor) without the document saying so; now every answer has it.
    id: z.string().openapi({ description: "The member's affiliate id (the same as affiliateId); lists page by it", example: "aff_01JB8Z5Q3X0000000000000000" }),
    campaignId: z.string(),
    affiliateId: z.string(),
    status: z.enum(MEMBERSHIP_STATUSES).openapi({ description: "pending: applied, waiting for the merchant; approved: may promote the campaign" }),
    affiliateName: z.string(),
    affiliateEmail: z.string(),
    affiliateStatus: z.string().openapi({ description: "The affiliate's own status in the program: active, pending or suspended" }),
    affiliateGroup: z.string().nullable(),
    createdAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("CampaignMember");

export const memberListSchema = pageOf(memberSchema, "CampaignMemberList");

export const memberQuery = z.object({
  status: z.enum(MEMBERSHIP_STATUSES).optional().openapi({ param: { name: "status", in: "query" } }),
  ...pageQuery,
});

const affiliateId = idOf("affiliate", "aff").openapi({ example: "aff_01JB8Z5Q3X0000000000000000" });

export const applicationBody = strictBody({
  affiliateId: affiliateId.optional().openapi({ description: "Required for merchants adding an affiliate; affiliate users apply for themselves and may leave it out" }),
})
  .openapi("CampaignApplication");

export const memberParams = z.object({
  id: idOf("campaign", "cmp").openapi({ param: { name: "id", in: "path" }, example: "cmp_01JB8Z5Q3X0000000000000000" }),
  affiliateId: affiliateId.openapi({ param: { name: "affiliateId", in: "path" } }),
  decision: z.enum(["approve", "reject"]).openapi({ param: { name: "decision", in: "path" } }),
});

export type MemberView = z.infer<typeof memberSchema>;
