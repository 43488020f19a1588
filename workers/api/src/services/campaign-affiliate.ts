/**
 * The checks every affiliate touchpoint (links, coupons) makes before it is created: the campaign and
 * the affiliate are the tenant's and usable, and where the affiliate stands in the campaign.
 */
import { and, eq } from "drizzle-orm";
import { fail, ok, type Result } from "../../../../core/result";
import type { Executor } from "../../../../db/client";
import { affiliates, campaignMemberships, campaigns } from "../../../../db/schema";

export interface CampaignAndAffiliate {
  campaign: { id: string; destinationUrl: string };
  affiliate: { id: string };
}

/** A live campaign and an active affiliate of the tenant; `at` is the JSON pointer of the item. */
export async function checkCampaignAndAffiliate(db: Executor, tenantId: string, campaignId: string, affiliateId: string, at = "/body"): Promise<Result<CampaignAndAffiliate>> {
  const [campaign] = await db
    .select({ id: campaigns.id, status: campaigns.status, destinationUrl: campaigns.destinationUrl })
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.tenantId, tenantId)));
  if (!campaign) return fail("unprocessable", "No campaign with this id in your account.", `${at}/campaignId`);
  if (campaign.status === "archived") return fail("unprocessable", "The campaign is archived.", `${at}/campaignId`);

  const [affiliate] = await db
    .select({ id: affiliates.id, status: affiliates.status })
    .from(affiliates)
    .where(and(eq(affiliates.id, affiliateId), eq(affiliates.tenantId, tenantId)));
  if (!affiliate) return fail("unprocessable", "No affiliate with this id in your account.", `${at}/affiliateId`);
  if (affiliate.status !== "active") return fail("unprocessable", `The affiliate is ${affiliate.status}.`, `${at}/affiliateId`);
  return ok({ campaign: { id: campaign.id, destinationUrl: campaign.destinationUrl }, affiliate: { id: affiliate.id } });
}

/** The affiliate's membership status in the campaign (approved, pending, rejected), or null when none. */
export async function membershipStatus(db: Executor, tenantId: string, campaignId: string, affiliateId: string): Promise<string | null> {
  const [membership] = await db
    .select({ status: campaignMemberships.status })
    .from(campaignMemberships)
    .where(and(eq(campaignMemberships.tenantId, tenantId), eq(campaignMemberships.campaignId, campaignId), eq(campaignMemberships.affiliateId, affiliateId)));
  return membership?.status ?? null;
}
