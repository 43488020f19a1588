import type { AffiliateRow } from "../../../services/affiliates";
import { AFFILIATE_STATUSES, type AffiliateView } from "./schema";

export function toAffiliateView(row: AffiliateRow): AffiliateView {
  const status = (AFFILIATE_STATUSES as readonly string[]).includes(row.status) ? (row.status as AffiliateView["status"]) : "pending";
  return { id: row.id, name: row.name, email: row.email, status, affiliateGroup: row.affiliateGroup, createdAt: row.createdAt.toISOString() };
}
