import { z } from "@hono/zod-openapi";
import { isId } from "../../../../../../core/ids";
import { isStorableText } from "../../../../../../core/text";
import { pageQuery } from "../../../lib/pagination";
import { strictBody } from "../../../lib/strict-body";

const commissionId = z.string().refine((v) => isId("commission", v), "expected a commission id (com_...)");

export const commissionSchema = z
  .object({
    id: z.string(),
    orderId: z.string(),
    affiliateId: z.string(),
    campaignId: z.string(),
    currency: z.string(),
    amount: z.number().int().openapi({ description: "Minor units" }),
    reversedAmount: z.number().int(),
    shareBp: z.number().int(),
    status: z.enum(["pending", "approved", "rejected", "reversed", "paid"]),
    heldForReview: z.boolean(),
    rulesVersion: z.number().int(),
    explanation: z.array(z.string()),
    lockUntil: z.string(),
    createdAt: z.string(),
  })
  .openapi("Commission");

export const commissionListSchema = z.object({ items: z.array(commissionSchema), nextCursor: z.string().nullable() }).openapi("CommissionList");

export const commissionQuery = z.object({
  status: z.enum(["pending", "approved", "rejected", "reversed", "paid"]).optional().openapi({ param: { name: "status", in: "query" } }),
  affiliateId: z.string().refine((v) => isId("affiliate", v), "expected an affiliate id").optional().openapi({ param: { name: "affiliateId", in: "query" } }),
  // An integrator reconciles an order's commissions by its order id (webhooks carry it); without this filter
  // `?orderId=` was ignored and answered every commission of the account.
  orderId: z.string().min(1).max(128).refine(isStorableText, "must not contain control characters or broken Unicode").optional().openapi({ param: { name: "orderId", in: "query" } }),
  // The shared page parameters: a cursor that is not an id is a 400 on its field, not a database refusal (422).
  ...pageQuery,
});

export const decisionBody = strictBody({
  action: z.enum(["approve", "reject"]),
  ids: z.array(commissionId).min(1).max(500),
  reason: z.string().max(500).optional(),
})
  .openapi("CommissionDecision");

export const decisionResultSchema = z.object({ decided: z.array(z.string()), skipped: z.array(z.string()) }).openapi("CommissionDecisionResult");

export const commissionIdParams = z.object({
  id: commissionId.openapi({ param: { name: "id", in: "path" }, example: "com_01JB8Z5Q3X0000000000000000" }),
});
