import { z } from "@hono/zod-openapi";
import { isId } from "../../../../../../core/ids";
import { pageQuery } from "../../../lib/pagination";

export const reviewItemSchema = z
  .object({
    id: z.string().openapi({ example: "clk_01JB8Z5Q3X0000000000000000" }),
    kind: z.enum(["click", "conversion"]),
    at: z.string().openapi({ format: "date-time" }),
    affiliateId: z.string().nullable(),
    campaignId: z.string().nullable(),
    score: z.number().int(),
    reasons: z.array(z.string()),
    evidence: z.record(z.string(), z.unknown()).openapi({ description: "What the decision was made on: user agent, country, duplicate flag, order amount, identity source…" }),
  })
  .openapi("ReviewItem");

export const reviewListSchema = z.object({ items: z.array(reviewItemSchema), nextCursor: z.string().nullable() }).openapi("ReviewList");

export const reviewQuery = z.object({
  kind: z.enum(["click", "conversion"]).optional().openapi({ param: { name: "kind", in: "query" }, description: "Only clicks or only orders; both when left out" }),
  // The shared page parameters: a cursor that is not an id is a 400 on its field, not a database refusal (422).
  ...pageQuery,
});

export const reviewIdParams = z.object({
  id: z
    .string()
    .refine((v) => isId("click", v) || isId("conversion", v), "expected a click (clk_...) or conversion (cnv_...) id")
    .openapi({ param: { name: "id", in: "path" }, example: "clk_01JB8Z5Q3X0000000000000000" }),
  decision: z.enum(["approve", "reject"]).openapi({ param: { name: "decision", in: "path" } }),
});

export const decisionSchema = z.object({ id: z.string(), reviewStatus: z.enum(["approved", "rejected"]), reviewedAt: z.string() }).openapi("ReviewDecision");
