/** Who a new link is for: merchants name the affiliate; affiliate users make links only for themselves. */
import { affiliateScope, type Principal } from "../../../../core/auth/access";
import { fail, ok, type Result } from "../../../../core/result";
import type { Executor } from "../../../../db/client";
import type { CreateLinkInput } from "../routes/v1/links/schema";
import { membershipStatus } from "./campaign-affiliate";
import type { NewLink } from "./links";

/**
 * Affiliate users may create links only in campaigns that approved them (a merchant's link would admit
 * the affiliate; theirs must not). Another affiliate's id is answered like an unknown one, so ids of
 * others do not leak. Merchant callers always name the affiliate (the route's hook enforces it).
 */
export async function linkFor(db: Executor, principal: Principal, input: CreateLinkInput, at = "/body"): Promise<Result<NewLink>> {
  const own = affiliateScope(principal);
  if (own === null) {
    return input.affiliateId ? ok({ ...input, affiliateId: input.affiliateId }) : fail("validation_failed", "Name the affiliate the link is for.", `${at}/affiliateId`);
  }
  if (input.affiliateId !== undefined && input.affiliateId !== own) return fail("unprocessable", "No affiliate with this id in your account.", `${at}/affiliateId`);
  if ((await membershipStatus(db, principal.tenantId, input.campaignId, own)) !== "approved") return fail("unprocessable", "You are not an approved member of this campaign.", `${at}/campaignId`);
  return ok({ ...input, affiliateId: own });
}
