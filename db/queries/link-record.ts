/** The redirect's source of truth on a cache miss, also used by the API to write the cache through. */
import { and, eq, sql } from "drizzle-orm";
import { fraudSettingsFrom } from "../../core/fraud-settings";
import type { DomainRecord, LinkRecord } from "../../core/link-record";
import type { Database, Executor } from "../client";
import { affiliates, campaigns, domains, links, tenants } from "../schema";

export async function findLinkRecord(db: Executor, domain: string, code: string): Promise<LinkRecord | null> {
  const rows = await db
    .select({
      linkId: links.id,
      tenantId: links.tenantId,
      campaignId: links.campaignId,
      affiliateId: links.affiliateId,
      destinationUrl: links.destinationUrl,
      subIds: links.subIds,
      linkStatus: links.status,
      campaignStatus: campaigns.status,
      affiliateStatus: affiliates.status,
      cookieLifetimeDays: campaigns.cookieLifetimeDays,
      dedupWindowSeconds: campaigns.dedupWindowSeconds,
      clickParam: tenants.clickParam,
      cookieDomain: tenants.cookieDomain,
      fraudSettings: campaigns.fraudSettings,
    })
    .from(links)
    .innerJoin(campaigns, eq(campaigns.id, links.campaignId))
    .innerJoin(affiliates, eq(affiliates.id, links.affiliateId))
    .innerJoin(tenants, eq(tenants.id, links.tenantId))
    .where(and(sql`lower(${links.domain}) = ${domain.toLowerCase()}`, eq(links.code, code)))
    .limit(1);
  if (!rows[0]) return null;
  const { fraudSettings, ...record } = rows[0];
  return { ...record, fraud: fraudSettingsFrom(fraudSettings) };
}

export async function findDomainRecord(db: Database, hostname: string): Promise<DomainRecord | null> {
  const rows = await db
    .select({ tenantId: domains.tenantId, fallbackUrl: tenants.fallbackUrl })
    .from(domains)
    .innerJoin(tenants, eq(tenants.id, domains.tenantId))
    .where(and(sql`lower(${domains.hostname}) = ${hostname.toLowerCase()}`, eq(domains.isLinkDomain, true)))
    .limit(1);
  return rows[0] ?? null;
}
