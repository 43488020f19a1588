import type { z } from "@hono/zod-openapi";
import type { ConversionRow } from "../../../services/conversions";
import type { conversionSchema } from "./schema";

type ConversionView = z.infer<typeof conversionSchema>;

const iso = (v: string | Date) => new Date(v).toISOString();

/**
 * An order as shown to the caller. Affiliate users (`forAffiliate`: their affiliate id) never get the
 * shopper's identifiers nor the fraud evidence, and on an order they share with another affiliate (a
 * multi-touch model credited both) not the other's id or click either: those are another partner's
 * business. The coupon only when it is their own: a coupon of another affiliate that lost to their link
 * (or the merchant's own promo code) is not theirs to see.
 */
export function toConversionView(r: ConversionRow, forAffiliate: string | null): ConversionView {
  const othersMatch = forAffiliate !== null && r.matched_affiliate_id !== forAffiliate;
  const view: ConversionView = {
    id: r.id,
    orderId: r.order_id,
    status: r.status as ConversionView["status"],
    source: r.source as ConversionView["source"],
    amount: Number(r.amount),
    currency: r.currency,
    defaultCurrencyAmount: r.default_currency_amount === null ? null : Number(r.default_currency_amount),
    coupon: forAffiliate === null || r.coupon_affiliate_id === forAffiliate ? r.coupon : null,
    campaignId: r.campaign_id,
    affiliateId: othersMatch ? null : r.matched_affiliate_id,
    clickId: othersMatch ? null : r.matched_click_id,
    clickRecorded: othersMatch ? null : r.click_recorded,
    identitySource: r.identity_source,
    subscriptionId: r.subscription_id,
    renewal: r.renewal,
    occurredAt: iso(r.occurred_at),
    receivedAt: iso(r.received_at),
  };
  if (forAffiliate !== null) return view;
  return {
    ...view,
    items: r.items ?? [],
    customer: { emailHash: r.email_hash, customerIdHash: r.customer_id_hash, visitorId: r.visitor_id },
    fraud: { score: r.fraud_score, reasons: r.fraud_reasons, flagged: r.flagged, reviewStatus: r.review_status },
  };
}
