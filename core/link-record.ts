/**
 * What the redirect needs to answer a link, denormalised into one record so that a cache hit costs one
 * read. The API writes it to KV whenever a link, its campaign or its tenant changes; the redirect reads
 * it from isolate memory, then KV, then Postgres.
 */
import { z } from "zod";
import { fraudSettingsSchema } from "./fraud-settings";

export const linkRecordSchema = z.object({
  linkId: z.string(),
  tenantId: z.string(),
  campaignId: z.string(),
  affiliateId: z.string(),
  destinationUrl: z.string(),
  subIds: z.record(z.string(), z.string()),
  linkStatus: z.string(),
  campaignStatus: z.string(),
  affiliateStatus: z.string(),
  cookieLifetimeDays: z.number().int(),
  dedupWindowSeconds: z.number().int(),
  clickParam: z.string(),
  cookieDomain: z.string().nullable(),
  fraud: fraudSettingsSchema,
});
export type LinkRecord = z.infer<typeof linkRecordSchema>;

/** What the redirect knows about a hostname that is not the shared link domain. */
export const domainRecordSchema = z.object({ tenantId: z.string(), fallbackUrl: z.string().nullable() });
export type DomainRecord = z.infer<typeof domainRecordSchema>;

export function normalizeHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, "");
}

export const linkCacheKey = (domain: string, code: string) => `link:${normalizeHost(domain)}/${code}`;
export const domainCacheKey = (domain: string) => `domain:${normalizeHost(domain)}`;

/** KV entries expire on their own so a missed invalidation heals within a day. */
export const LINK_CACHE_TTL_SECONDS = 86_400;
