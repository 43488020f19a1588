/** Coupon codes of affiliates: created for approved members of a campaign, listed, disabled (never deleted). */
import { and, asc, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import { newId } from "../../../../core/ids";
import { fail, ok, type Result } from "../../../../core/result";
import type { Executor } from "../../../../db/client";
import { coupons } from "../../../../db/schema";
import { sqlState } from "../../../../db/transient-error";
import type { CreateCouponInput } from "../routes/v1/coupons/schema";
import { checkCampaignAndAffiliate, membershipStatus } from "./campaign-affiliate";

export type CouponRow = typeof coupons.$inferSelect;

export interface CouponFilter {
  campaignId?: string;
  affiliateId?: string;
  code?: string;
  status?: "active" | "disabled";
  limit: number;
  cursor?: string;
}

const UNIQUE_VIOLATION = "23505";

/**
 * Unlike a merchant's link, a coupon does not admit the affiliate to the campaign: it pays whoever uses
 * the code, without a click to show the affiliate sent them, so only approved members get one.
 */
export async function createCoupon(db: Executor, tenantId: string, input: CreateCouponInput): Promise<Result<CouponRow>> {
  const checked = await checkCampaignAndAffiliate(db, tenantId, input.campaignId, input.affiliateId);
  if (!checked.ok) return checked;
  if ((await membershipStatus(db, tenantId, input.campaignId, input.affiliateId)) !== "approved") {
    return fail("unprocessable", "The affiliate is not an approved member of this campaign.", "/body/affiliateId");
  }
  try {
    // In a savepoint: a taken code must not abort the request's transaction.
    const [row] = await db.transaction((sp) => sp.insert(coupons).values({ id: newId("coupon"), tenantId, ...input }).returning());
    return ok(row);
  } catch (error) {
    if (sqlState(error) !== UNIQUE_VIOLATION) throw error;
    return fail("conflict", `The code "${input.code}" is already a coupon in your account (codes are compared ignoring case; a disabled coupon keeps its code).`, "/body/code");
  }
}

const ownedBy = (onlyAffiliate: string | null) => (onlyAffiliate ? eq(coupons.affiliateId, onlyAffiliate) : undefined);

/** A coupon of the tenant; for an affiliate user (`onlyAffiliate`), only one of their own. */
export async function getCoupon(db: Executor, tenantId: string, id: string, onlyAffiliate: string | null): Promise<CouponRow | null> {
  const [row] = await db.select().from(coupons).where(and(eq(coupons.id, id), eq(coupons.tenantId, tenantId), ownedBy(onlyAffiliate)));
  return row ?? null;
}

/** A page of the tenant's coupons, oldest first; `limit + 1` rows so the caller knows if there is more. */
export function listCoupons(db: Executor, tenantId: string, f: CouponFilter, onlyAffiliate: string | null): Promise<CouponRow[]> {
  return db
    .select()
    .from(coupons)
    .where(
      and(
        eq(coupons.tenantId, tenantId),
        ownedBy(onlyAffiliate),
        f.affiliateId ? eq(coupons.affiliateId, f.affiliateId) : undefined,
        f.campaignId ? eq(coupons.campaignId, f.campaignId) : undefined,
        // upper() on both sides: the form of the unique index, so the lookup uses it.
        f.code ? sql`upper(${coupons.code}) = upper(${f.code})` : undefined,
        f.status === "active" ? isNull(coupons.disabledAt) : f.status === "disabled" ? isNotNull(coupons.disabledAt) : undefined,
        f.cursor ? gt(coupons.id, f.cursor) : undefined,
      ),
    )
    .orderBy(asc(coupons.id))
    .limit(f.limit + 1);
}

/** Disables or enables a coupon of the tenant; disabling again keeps the first time. Null when there is none. */
export async function setCouponStatus(db: Executor, tenantId: string, id: string, status: "active" | "disabled"): Promise<CouponRow | null> {
  const [row] = await db
    .update(coupons)
    .set({ disabledAt: status === "disabled" ? sql`coalesce(${coupons.disabledAt}, now())` : null })
    .where(and(eq(coupons.id, id), eq(coupons.tenantId, tenantId)))
    .returning();
  return row ?? null;
}
