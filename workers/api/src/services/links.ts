import { and, eq, sql } from "drizzle-orm";
import { newId } from "../../../../core/ids";
import { randomLinkCode } from "../../../../core/link-code";
import { normalizeHost } from "../../../../core/link-record";
import { fail, ok, type Result } from "../../../../core/result";
import type { Executor } from "../../../../db/client";
import { campaignMemberships, domains, links } from "../../../../db/schema";
import { checkCampaignAndAffiliate, membershipStatus } from "./campaign-affiliate";
import { checkDestination, destinationHosts } from "./destination-hosts";
import { sqlState } from "../../../../db/transient-error";
import type { CreateLinkInput } from "../routes/v1/links/schema";

export type LinkRow = typeof links.$inferSelect;

/** A link to create, once the caller's affiliate is known (affiliate users may leave it out of the body). */
export type NewLink = Omit<CreateLinkInput, "affiliateId"> & { affiliateId: string };

/** What the checks of a (campaign, affiliate, domain) settle; bulk creation reuses it across items. */
export interface LinkTarget {
  campaignId: string;
  affiliateId: string;
  domain: string;
  campaignDestination: string;
}

const UNIQUE_VIOLATION = "23505";

/** The campaign, affiliate and domain checks of a new link; `at` is the JSON pointer of the item. */
export async function checkLinkTarget(db: Executor, tenantId: string, input: NewLink, defaultDomain: string, at = "/body"): Promise<Result<LinkTarget>> {
  const checked = await checkCampaignAndAffiliate(db, tenantId, input.campaignId, input.affiliateId, at);
  if (!checked.ok) return checked;
  const { campaign, affiliate } = checked.value;

  // A merchant making a link for an affiliate admits them to the campaign, unless they were turned down.
  await db.insert(campaignMemberships).values({ tenantId, campaignId: campaign.id, affiliateId: affiliate.id }).onConflictDoNothing();
  if ((await membershipStatus(db, tenantId, campaign.id, affiliate.id)) === "rejected") return fail("unprocessable", "The affiliate was rejected from this campaign.", `${at}/affiliateId`);

  const domain = normalizeHost(input.domain ?? defaultDomain);
  if (domain !== normalizeHost(defaultDomain)) {
    const [owned] = await db
      .select({ id: domains.id, verifiedAt: domains.verifiedAt })
      .from(domains)
      .where(and(eq(domains.tenantId, tenantId), sql`lower(${domains.hostname}) = ${domain}`, eq(domains.isLinkDomain, true)));
    if (!owned) return fail("unprocessable", "This domain is not one of your link domains.", `${at}/domain`);
    // Until its DNS is verified, links on it would not reach us; refusing now beats a dead link later.
    if (!owned.verifiedAt) return fail("unprocessable", "This domain is not verified yet.", `${at}/domain`);
  }
  return ok({ campaignId: campaign.id, affiliateId: affiliate.id, domain, campaignDestination: campaign.destinationUrl });
}

/** Inserts a checked link. Each attempt runs in a savepoint: a taken code must not abort the request's transaction. */
export async function insertLink(db: Executor, tenantId: string, target: LinkTarget, input: NewLink, at = "/body"): Promise<Result<LinkRow>> {
  const base = {
    tenantId,
    campaignId: target.campaignId,
    affiliateId: target.affiliateId,
    domain: target.domain,
    destinationUrl: input.destinationUrl ?? target.campaignDestination,
    subIds: input.subIds ?? {},
  };
  // A chosen code is the caller's to pick again; a random one is redrawn on the rare collision. Either is
  // refused by the unique index on (lower(domain), lower(code)), so a code differing only in case from one
  // already there is taken too (core/link-code.ts normalizeLinkCode says why); the typed case is kept.
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
    ? fail("conflict", `The code "${input.code}" is already taken on ${target.domain} (codes are the same link whatever their case).`, `${at}/code`)
    : fail("conflict", "Could not find a free random code; try again.");
}

export async function createLink(db: Executor, tenantId: string, input: NewLink, defaultDomain: string, at = "/body"): Promise<Result<LinkRow>> {
  const target = await checkLinkTarget(db, tenantId, input, defaultDomain, at);
  if (!target.ok) return target;
  // A link without a destination takes the campaign's, which is allowed by definition.
  if (input.destinationUrl !== undefined) {
    const allowed = checkDestination(input.destinationUrl, await destinationHosts(db, tenantId), target.value.campaignDestination, `${at}/destinationUrl`);
    if (!allowed.ok) return allowed;
  }
  return insertLink(db, tenantId, target.value, input, at);
}

/** A link of the tenant; for an affiliate user (`affiliateId`), only one of their own. */
export async function getLink(db: Executor, tenantId: string, id: string, affiliateId: string | null = null): Promise<LinkRow | null> {
  const [row] = await db
    .select()
    .from(links)
    .where(and(eq(links.id, id), eq(links.tenantId, tenantId), affiliateId ? eq(links.affiliateId, affiliateId) : undefined));
  return row ?? null;
}
