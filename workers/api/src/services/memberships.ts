/** Who takes part in which campaign: affiliates apply (pending), merchants add or decide (approved/rejected). */
import { and, asc, eq, gt } from "drizzle-orm";
import { fail, ok, type Result } from "../../../../core/result";
import type { Executor } from "../../../../db/client";
import { affiliates, campaignMemberships, campaigns } from "../../../../db/schema";

const memberColumns = {
  campaignId: campaignMemberships.campaignId,
  affiliateId: campaignMemberships.affiliateId,
  status: campaignMemberships.status,
  affiliateName: affiliates.name,
  affiliateEmail: affiliates.email,
  affiliateStatus: affiliates.status,
  affiliateGroup: affiliates.affiliateGroup,
  createdAt: campaignMemberships.createdAt,
};

const campaignExists = async (db: Executor, tenantId: string, id: string) =>
  (await db.select({ status: campaigns.status }).from(campaigns).where(and(eq(campaigns.tenantId, tenantId), eq(campaigns.id, id))))[0] ?? null;

/** Memberships with their affiliates; callers add the filters (always the tenant's). */
function selectMembers(db: Executor, tenantId: string) {
  return db
    .select(memberColumns)
    .from(campaignMemberships)
    .innerJoin(affiliates, and(eq(affiliates.id, campaignMemberships.affiliateId), eq(affiliates.tenantId, tenantId)))
    .$dynamic();
}
export type MemberRow = Awaited<ReturnType<typeof selectMembers>>[number];

/** Null when the campaign is not the tenant's. */
/** `onlyAffiliate`: an affiliate user sees its own membership, never the other members of the campaign. */
export async function listMembers(db: Executor, tenantId: string, campaignId: string, q: { status?: string; limit: number; cursor?: string }, onlyAffiliate: string | null = null): Promise<MemberRow[] | null> {
  if (!(await campaignExists(db, tenantId, campaignId))) return null;
  if (onlyAffiliate && !(await findMember(db, tenantId, campaignId, onlyAffiliate))) return null;
  const filters = and(
    eq(campaignMemberships.tenantId, tenantId),
    eq(campaignMemberships.campaignId, campaignId),
    onlyAffiliate ? eq(campaignMemberships.affiliateId, onlyAffiliate) : undefined,
    q.status ? eq(campaignMemberships.status, q.status) : undefined,
    q.cursor ? gt(campaignMemberships.affiliateId, q.cursor) : undefined,
  );
  return selectMembers(db, tenantId).where(filters).orderBy(asc(campaignMemberships.affiliateId)).limit(q.limit + 1);
}

async function findMember(db: Executor, tenantId: string, campaignId: string, affiliateId: string): Promise<MemberRow | null> {
  const [row] = await selectMembers(db, tenantId).where(
    and(eq(campaignMemberships.tenantId, tenantId), eq(campaignMemberships.campaignId, campaignId), eq(campaignMemberships.affiliateId, affiliateId)),
  );
  return row ?? null;
}

export interface Joined {
  member: MemberRow;
  created: boolean;
}

/**
 * An affiliate applying for itself gets a pending membership (asking again changes nothing; once turned
 * down, only the merchant can let it in). A merchant adding an affiliate approves it at once.
 */
export async function join(db: Executor, tenantId: string, campaignId: string, affiliateId: string, by: "affiliate" | "merchant"): Promise<Result<Joined>> {
  const campaign = await campaignExists(db, tenantId, campaignId);
  if (!campaign) return fail("not_found", "No campaign with this id in your account.");
  if (campaign.status === "archived") return fail("unprocessable", "The campaign is archived.");
  const [affiliate] = await db.select({ status: affiliates.status }).from(affiliates).where(and(eq(affiliates.tenantId, tenantId), eq(affiliates.id, affiliateId)));
  if (!affiliate) return fail("unprocessable", "No affiliate with this id in your account.", "/body/affiliateId");
  if (affiliate.status === "suspended") return fail("unprocessable", "The affiliate is suspended.", "/body/affiliateId");

  const before = await findMember(db, tenantId, campaignId, affiliateId);
  if (by === "affiliate") {
    if (before?.status === "rejected") return fail("conflict", "Your application to this campaign was turned down.");
    if (before) return ok({ member: before, created: false });
  }
  const status = by === "affiliate" ? "pending" : "approved";
  await db
    .insert(campaignMemberships)
    .values({ tenantId, campaignId, affiliateId, status })
    .onConflictDoUpdate({ target: [campaignMemberships.campaignId, campaignMemberships.affiliateId], set: { status } });
  return ok({ member: (await findMember(db, tenantId, campaignId, affiliateId))!, created: before === null });
}

export async function decideMembership(db: Executor, tenantId: string, campaignId: string, affiliateId: string, decision: "approve" | "reject"): Promise<MemberRow | null> {
  const updated = await db
    .update(campaignMemberships)
    .set({ status: decision === "approve" ? "approved" : "rejected" })
    .where(and(eq(campaignMemberships.tenantId, tenantId), eq(campaignMemberships.campaignId, campaignId), eq(campaignMemberships.affiliateId, affiliateId)))
    .returning({ affiliateId: campaignMemberships.affiliateId });
  return updated.length ? findMember(db, tenantId, campaignId, affiliateId) : null;
}
