/** Campaigns of one tenant; affiliate users see only those they belong to (approved or pending). */
import { and, asc, eq, gt, inArray, sql, type SQL } from "drizzle-orm";
import { newId } from "../../../../core/ids";
import { sameConflictRules } from "../../../../core/attribution/conflict-rules";
import { nextCommissionRules, nextRuleVersion } from "../../../../core/commission/versioning";
import { fail, ok, type Result } from "../../../../core/result";
import type { Executor } from "../../../../db/client";
import { campaignMemberships, campaigns } from "../../../../db/schema";
import type { CreateCampaignInput, UpdateCampaignInput } from "../routes/v1/campaigns/schema";

export type CampaignRow = typeof campaigns.$inferSelect;
export interface ScopedCampaign {
  row: CampaignRow;
  /** The affiliate user's membership; null for merchant callers. */
  membershipStatus: string | null;
}

const VISIBLE_TO_AFFILIATES = ["approved", "pending"];

export async function createCampaign(db: Executor, tenantId: string, input: CreateCampaignInput): Promise<CampaignRow> {
  const { commissionRules, ...rest } = input;
  const rules = commissionRules ? nextCommissionRules(null, withoutVersion(commissionRules)) : undefined;
  const [row] = await db.insert(campaigns).values({ id: newId("campaign"), tenantId, ...rest, commissionRules: rules }).returning();
  return row;
}

function selectScoped(db: Executor, tenantId: string, affiliateId: string | null, where: SQL | undefined) {
  return db
    .select({ row: campaigns, membershipStatus: campaignMemberships.status })
    .from(campaigns)
    .leftJoin(
      campaignMemberships,
      and(eq(campaignMemberships.tenantId, tenantId), eq(campaignMemberships.campaignId, campaigns.id), eq(campaignMemberships.affiliateId, affiliateId ?? "")),
    )
    .where(and(eq(campaigns.tenantId, tenantId), where, affiliateId === null ? undefined : inArray(campaignMemberships.status, VISIBLE_TO_AFFILIATES)));
}

export function listCampaigns(db: Executor, tenantId: string, affiliateId: string | null, q: { status?: string; limit: number; cursor?: string }): Promise<ScopedCampaign[]> {
  const where = and(q.status ? eq(campaigns.status, q.status) : undefined, q.cursor ? gt(campaigns.id, q.cursor) : undefined);
  return selectScoped(db, tenantId, affiliateId, where).orderBy(asc(campaigns.id)).limit(q.limit + 1);
}

export async function getCampaign(db: Executor, tenantId: string, affiliateId: string | null, id: string): Promise<ScopedCampaign | null> {
  const [found] = await selectScoped(db, tenantId, affiliateId, eq(campaigns.id, id));
  return found ?? null;
}

export interface UpdatedCampaign {
  row: CampaignRow;
  /** Whether what the redirect caches per link (status, cookie, dedup, fraud settings) changed. */
  trackingChanged: boolean;
}

export async function updateCampaign(db: Executor, tenantId: string, id: string, patch: UpdateCampaignInput): Promise<Result<UpdatedCampaign>> {
  // Locked so two concurrent rule changes cannot both take the same next version.
  const [current] = await db.select().from(campaigns).where(and(eq(campaigns.tenantId, tenantId), eq(campaigns.id, id))).for("update");
  if (!current) return fail("not_found", "No campaign with this id in your account.");
  const { commissionRules, ...rest } = patch;
  // One version covers commission and conflict rules: either changing gives the next one.
  const conflictChanged = patch.conflictRules !== undefined && !sameConflictRules(current.conflictRules, patch.conflictRules);
  const rules = nextRuleVersion(current.commissionRules, commissionRules ? withoutVersion(commissionRules) : undefined, conflictChanged);
  const [row] = await db
    .update(campaigns)
    .set({ ...rest, ...(rules ? { commissionRules: rules } : {}), updatedAt: sql`now()` })
    .where(and(eq(campaigns.tenantId, tenantId), eq(campaigns.id, id)))
    .returning();
  const trackingChanged =
    row.status !== current.status ||
    row.cookieLifetimeDays !== current.cookieLifetimeDays ||
    row.dedupWindowSeconds !== current.dedupWindowSeconds ||
    JSON.stringify(row.fraudSettings) !== JSON.stringify(current.fraudSettings);
  return ok({ row, trackingChanged });
}

function withoutVersion<T extends { version?: unknown }>(rules: T): Omit<T, "version"> {
  const { version: _, ...rest } = rules;
  return rest;
}
