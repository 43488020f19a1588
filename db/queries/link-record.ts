/** The redirect's source of truth on a cache miss, also used by the API to write the cache through. */
import { and, eq, sql, type SQL } from "drizzle-orm";
import { fraudSettingsFrom } from "../../core/fraud-settings";
import type { DomainRecord, LinkRecord } from "../../core/link-record";
import type { Database, Executor } from "../client";
import { affiliates, campaigns, domains, links, tenants } from "../schema";

/** A link record with the (domain, code) it is cached under. */
export interface KeyedLinkRecord {
  domain: string;
  code: string;
  record: LinkRecord;
}

function selectLinkRecords(db: Executor, where: SQL | undefined) {
  return db
    .select({
      domain: links.domain,
      code: links.code,
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
    .where(where);
}

type SelectedRow = Awaited<ReturnType<typeof selectLinkRecords>>[number];

function keyed({ domain, code, fraudSettings, ...record }: SelectedRow): KeyedLinkRecord {
  return { domain, code, record: { ...record, fraud: fraudSettingsFrom(fraudSettings) } };
}

export async function findLinkRecord(db: Executor, domain: string, code: string): Promise<LinkRecord | null> {
  const rows = await selectLinkRecords(db, and(sql`lower(${links.domain}) = ${domain.toLowerCase()}`, eq(links.code, code))).limit(1);
  return rows[0] ? keyed(rows[0]).record : null;
}

/** Every link of one affiliate or one campaign: what changes when their status or settings do. */
export async function findLinkRecordsOf(db: Executor, tenantId: string, of: { affiliateId: string } | { campaignId: string }): Promise<KeyedLinkRecord[]> {
  const owner = "affiliateId" in of ? eq(links.affiliateId, of.affiliateId) : eq(links.campaignId, of.campaignId);
  const rows = await selectLinkRecords(db, and(eq(links.tenantId, tenantId), owner));
  return rows.map(keyed);
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
