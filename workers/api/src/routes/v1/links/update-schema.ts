import { z } from "@hono/zod-openapi";
import { isHttpUrl, normalizeHttpUrl } from "../../../../../../core/destination";
import { subIds } from "./schema";
import { strictBody } from "../../../lib/strict-body";

export const updateLinkBody = strictBody({
  destinationUrl: z.string().max(2048).refine(isHttpUrl, "must be an absolute http(s) URL without control characters").transform(normalizeHttpUrl).optional(),
  status: z.enum(["active", "disabled"]).optional().openapi({ description: "A disabled link still sends shoppers on, but tracks no clicks (no commission)." }),
  subIds: subIds.optional().openapi({ description: "Replaces all sub-ids of the link ({} clears them)." }),
})
  .refine((b) => b.destinationUrl !== undefined || b.status !== undefined || b.subIds !== undefined, "send at least one of destinationUrl, status, subIds")
  .openapi("UpdateLink");

export type UpdateLinkInput = z.infer<typeof updateLinkBody>;
