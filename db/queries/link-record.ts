/** The redirect's source of truth on a cache miss, also used by the API to write the cache through. */
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { fraudSettingsFrom } from "../../core/fraud-settings";
import { normalizeLinkCode } from "../../core/link-code";
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
      consentMode: tenants.consentMode,
      fraudSettings: campaigns.fraudSettings,
    })
    .from(links)
    .innerJoin(campaigns, eq(campaigns.id, links.campaignId))
    .innerJoin(affiliates, eq(affiliates.id, links.affiliateId))
    .innerJoin(tenants, eq(tenants.id, links.tenantId))
    .where(where);
}

type SelectedRow = Awaited<ReturnType<typeof selectLinkRecords>>[number];

function keyed({ domain, code, fraudSettings, consentMode, ...record }: SelectedRow): KeyedLinkRecord {
  // Any value other than "required" is the default mode, as for the site record (db/queries/site-record.ts).
  const mode = consentMode === "required" ? "required" : "not_required";
  return { domain, code, record: { ...record, consentMode: mode, fraud: fraudSettingsFrom(fraudSettings) } };
}

/** lower(domain), lower(code): the expressions of the unique index links_domain_code_key, so it is used. */
const domainLower = sql`lower(${links.domain})`;
const codeLower = sql`lower(${links.code})`;

/** The link of a (host, code) whatever the case of the code in the URL. */
export async function findLinkRecord(db: Executor, domain: string, code: string): Promise<LinkRecord | null> {
  const rows = await selectLinkRecords(db, and(eq(domainLower, domain.toLowerCase()), eq(codeLower, normalizeLinkCode(code)))).limit(1);
  return rows[0] ? keyed(rows[0]).record : null;
}

/** The records of several links at once (a bulk create or change); links not found are left out. */
export async function findLinkRecords(db: Executor, keys: { domain: string; code: string }[]): Promise<KeyedLinkRecord[]> {
  if (keys.length === 0) return [];
  const pair = (k: { domain: string; code: string }) => `${k.domain.toLowerCase()} ${normalizeLinkCode(k.code)}`;
  const domainsLower = [...new Set(keys.map((k) => k.domain.toLowerCase()))];
  const codes = [...new Set(keys.map((k) => normalizeLinkCode(k.code)))];
  const rows = await selectLinkRecords(db, and(inArray(domainLower, domainsLower), inArray(codeLower, codes)));
  // The two lists also match crossed pairs (domain of one key, code of another): keep the asked pairs.
  const asked = new Set(keys.map(pair));
  return rows.map(keyed).filter((r) => asked.has(pair(r)));
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
