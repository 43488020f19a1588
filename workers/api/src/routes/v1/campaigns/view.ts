import { conflictRulesFrom } from "../../../../../../core/attribution/conflict-rules";
import { attributionModelSchema, type AttributionModel } from "../../../../../../core/attribution/models";
import { commissionRulesSchema, type CommissionRules } from "../../../../../../core/commission/rules";
import { fraudSettingsFrom } from "../../../../../../core/fraud-settings";
import type { ScopedCampaign } from "../../../services/campaigns";
import { CAMPAIGN_STATUSES, type CampaignView } from "./schema";

const statusOf = (s: string) => (CAMPAIGN_STATUSES as readonly string[]).includes(s) ? (s as CampaignView["status"]) : "paused";

/**
 * Settings as stored, with the defaults the tracking code applies filled in. Rows written by hand that
 * no longer parse are shown as stored rather than hidden.
 */
function parsedOr<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, stored: unknown): T {
  const parsed = schema.safeParse(stored);
  return parsed.success ? parsed.data : (stored as T);
}

/** Affiliate users get the campaign without its fraud settings, with their own standing in it. */
export function toCampaignView({ row, membershipStatus }: ScopedCampaign, forAffiliate: boolean): CampaignView {
  const view: CampaignView = {
    id: row.id,
    name: row.name,
    status: statusOf(row.status),
    destinationUrl: row.destinationUrl,
    currency: row.currency,
    attributionWindowDays: row.attributionWindowDays,
    cookieLifetimeDays: row.cookieLifetimeDays,
    dedupWindowSeconds: row.dedupWindowSeconds,
    lockDays: row.lockDays,
    attributionModel: parsedOr<AttributionModel>(attributionModelSchema, row.attributionModel),
    commissionRules: parsedOr<CommissionRules>(commissionRulesSchema, row.commissionRules),
    conflictRules: conflictRulesFrom(row.conflictRules),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
  if (forAffiliate) return { ...view, membershipStatus: membershipStatus === "approved" ? "approved" : "pending" };
  return { ...view, fraudSettings: fraudSettingsFrom(row.fraudSettings) };
}
