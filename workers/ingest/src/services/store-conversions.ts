import { sql } from "drizzle-orm";
import type { ConversionDraft } from "../../../../core/conversion-draft";
import { newId } from "../../../../core/ids";
import { resolveIdentity } from "../../../../core/identity-chain";
import type { Executor } from "../../../../db/client";
import { conversions } from "../../../../db/schema";
import { affiliatesOfClicks, affiliatesOfCoupons, couponKey, identityClicks } from "./identity-lookups";
import { linkIdentities, type IdentityLink } from "./store-browser-events";

/**
 * Orders, idempotent by (tenant, order id): the first report creates the row with the identity chain's
 * result; later reports from the merchant's server only move its status (placed → paid → ...).
 */
export async function storeConversions(db: Executor, drafts: ConversionDraft[]): Promise<void> {
  if (drafts.length === 0) return;
  const clickIds = drafts.flatMap((d) => Object.values(d.candidates).filter((v): v is string => !!v));
  const [byClick, byCoupon, byIdentity] = await Promise.all([affiliatesOfClicks(db, clickIds), affiliatesOfCoupons(db, drafts), identityClicks(db, drafts)]);

  const rows = drafts.map((d, i) => {
    const match = resolveIdentity(
      { ...d.candidates, couponAffiliateId: d.coupon ? byCoupon.get(couponKey(d)) : null, identityClick: byIdentity.get(i) },
      (clickId) => byClick.get(clickId) ?? null,
    );
    const { candidates: _candidates, occurredAt, receivedAt, ...rest } = d;
    return {
      ...rest,
      id: newId("conversion", receivedAt),
      occurredAt: new Date(occurredAt),
      receivedAt: new Date(receivedAt),
      identitySource: match?.source ?? null,
      matchedClickId: match?.clickId ?? null,
      matchedAffiliateId: match?.affiliateId ?? null,
    };
  });
  await db
    .insert(conversions)
    .values(rows)
    .onConflictDoUpdate({
      target: [conversions.tenantId, conversions.orderId],
      set: { status: sql`excluded.status` },
      // Only the merchant's server is authoritative on status; a browser report never rolls it back.
      setWhere: sql`excluded.source = 's2s' AND ${conversions.status} <> excluded.status`,
    });

  const links: IdentityLink[] = drafts.flatMap((d) =>
    d.visitorId
      ? [
          ...(d.emailHash ? [{ tenantId: d.tenantId, kind: "email", valueHash: d.emailHash, visitorId: d.visitorId }] : []),
          ...(d.customerIdHash ? [{ tenantId: d.tenantId, kind: "customer", valueHash: d.customerIdHash, visitorId: d.visitorId }] : []),
        ]
      : [],
  );
  await linkIdentities(db, links);
}
