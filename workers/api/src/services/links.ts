import { and, eq, sql } from "drizzle-orm";
import { newId } from "../../../../core/ids";
import { randomLinkCode } from "../../../../core/link-code";
import { normalizeHost } from "../../../../core/link-record";
import { fail, ok, type Result } from "../../../../core/result";
import type { Executor } from "../../../../db/client";
import { affiliates, campaignMemberships, campaigns, domains, links } from "../../../../db/schema";
import { sqlState } from "../../../../db/transient-error";
import type { CreateLinkInput } from "../routes/v1/links/schema";

export type LinkRow = typeof links.$inferSelect;

const UNIQUE_VIOLATION = "23505";

export async function createLink(db: Executor, tenantId: string, input: CreateLinkInput, defaultDomain: string): Promise<Result<LinkRow>> {
  const [campaign] = await db
    .select({ id: campaigns.id, status: campaigns.status, destinationUrl: campaigns.destinationUrl })
    .from(campaigns)
    .where(and(eq(campaigns.id, input.campaignId), eq(campaigns.tenantId, tenantId)));
  if (!campaign) return fail("unprocessable", "No campaign with this id in your account.", "/body/campaignId");
  if (campaign.status === "archived") return fail("unprocessable", "The campaign is archived.", "/body/campaignId");

  const [affiliate] = await db
    .select({ id: affiliates.id, status: affiliates.status })
    .from(affiliates)
    .where(and(eq(affiliates.id, input.affiliateId), eq(affiliates.tenantId, tenantId)));
  if (!affiliate) return fail("unprocessable", "No affiliate with this id in your account.", "/body/affiliateId");
  if (affiliate.status !== "active") return fail("unprocessable", `The affiliate is ${affiliate.status}.`, "/body/affiliateId");

  // A merchant making a link for an affiliate admits them to the campaign, unless they were turned down.
  await db.insert(campaignMemberships).values({ tenantId, campaignId: campaign.id, affiliateId: affiliate.id }).onConflictDoNothing();
  const [membership] = await db
    .select({ status: campaignMemberships.status })
    .from(campaignMemberships)
    .where(and(eq(campaignMemberships.campaignId, campaign.id), eq(campaignMemberships.affiliateId, affiliate.id)));
  if (membership?.status === "rejected") return fail("unprocessable", "The affiliate was rejected from this campaign.", "/body/affiliateId");

  const domain = normalizeHost(input.domain ?? defaultDomain);
  if (domain !== normalizeHost(defaultDomain)) {
    const [owned] = await db
      .select({ id: domains.id, verifiedAt: domains.verifiedAt })
      .from(domains)
      .where(and(eq(domains.tenantId, tenantId), sql`lower(${domains.hostname}) = ${domain}`, eq(domains.isLinkDomain, true)));
    if (!owned) return fail("unprocessable", "This domain is not one of your link domains.", "/body/domain");
    // Until its DNS is verified, links on it would not reach us; refusing now beats a dead link later.
    if (!owned.verifiedAt) return fail("unprocessable", "This domain is not verified yet.", "/body/domain");
  }

  const base = {
    tenantId,
    campaignId: campaign.id,
    affiliateId: affiliate.id,
    domain,
    destinationUrl: input.destinationUrl ?? campaign.destinationUrl,
    subIds: input.subIds ?? {},
  };
  // A chosen code is the caller's to pick again; a random one is redrawn on the rare collision.
  const tries = input.code ? 1 : 5;
  for (let attempt = 0; attempt < tries; attempt++) {
    try {
      // In a savepoint: a taken code must not abort the request's transaction.
      const [row] = await db.transaction((sp) => sp.insert(links).values({ id: newId("link"), code: input.code ?? randomLinkCode(), ...base }).returning());
      return ok(row);
    } catch (error) {
      if (sqlState(error) !== UNIQUE_VIOLATION) throw error;
    }
  }
  return input.code
    ? fail("conflict", `The code "${input.code}" is already taken on ${domain}.`, "/body/code")
    : fail("conflict", "Could not find a free random code; try again.");
}

export async function getLink(db: Executor, tenantId: string, id: string): Promise<LinkRow | null> {
  const [row] = await db.select().from(links).where(and(eq(links.id, id), eq(links.tenantId, tenantId)));
  return row ?? null;
}
