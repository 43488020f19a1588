/** The records the edge caches in KV (core/link-record.ts), checked when read back. */
import { z } from "zod";
import { fraudSettingsSchema } from "../fraud-settings";

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
  /** The tenant's consent mode; required (no default), so a record cached before it existed is reloaded. */
  consentMode: z.enum(["not_required", "required"]),
  fraud: fraudSettingsSchema,
});
export type LinkRecord = z.infer<typeof linkRecordSchema>;

/** What the redirect knows about a hostname that is not the shared link domain. */
export const domainRecordSchema = z.object({ tenantId: z.string(), fallbackUrl: z.string().nullable() });
export type DomainRecord = z.infer<typeof domainRecordSchema>;
