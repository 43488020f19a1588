import type { CouponRow } from "../../../services/coupons";
import type { CouponView } from "./schema";

export function toCouponView(row: CouponRow): CouponView {
  return {
    id: row.id,
    code: row.code,
    affiliateId: row.affiliateId,
    campaignId: row.campaignId,
    status: row.disabledAt ? "disabled" : "active",
    createdAt: row.createdAt.toISOString(),
    disabledAt: row.disabledAt?.toISOString() ?? null,
  };
}
