/**
 * Set-based lookups for the identity chain: one query per kind for a whole batch of conversions, never a
 * query per order.
 */
import { sql } from "drizzle-orm";
import type { ConversionDraft } from "../../../../core/conversion-draft";
import { fraudSettingsFrom, type FraudSettings } from "../../../../core/fraud-settings";
import { timestampOfId } from "../../../../core/ids";
import { rowsOf, type Executor } from "../../../../db/client";

/** How far back a visitor's or identity's latest click is looked for. Attribution windows apply later. */
export const IDENTITY_LOOKBACK_DAYS = 90;


export interface StoredClick {
  affiliateId: string;
  at: number;
  reasons: string[];
  minClickToConversionSeconds: number;
}

export const clickKey = (tenantId: string, clickId: string) => `${tenantId}|${clickId}`;

/**
 * Stored clicks by tenant and id, with what the fraud checks need; the time inside the id picks the
 * partition. Only the tenant's own clicks count: a click id from another merchant matches nothing.
 */
export async function storedClicks(db: Executor, wanted: { tenantId: string; clickId: string }[]): Promise<Map<string, StoredClick>> {
  const keys = [...new Map(wanted.filter((w) => timestampOfId(w.clickId) !== null).map((w) => [clickKey(w.tenantId, w.clickId), w])).values()];
  if (keys.length === 0) return new Map();
  const result = await db.execute<{ tenant_id: string; id: string; affiliate_id: string; reasons: string[]; min_seconds: string | null }>(sql`
    SELECT c.tenant_id, c.id, c.affiliate_id, c.fraud_reasons AS reasons, cp.fraud_settings ->> 'minClickToConversionSeconds' AS min_seconds
    FROM clicks c
    JOIN unnest(${sql.param(keys.map((k) => k.tenantId))}::text[], ${sql.param(keys.map((k) => k.clickId))}::text[],
                ${sql.param(keys.map((k) => new Date(timestampOfId(k.clickId)!).toISOString()))}::timestamptz[]) AS k(tenant_id, id, at)
      ON c.tenant_id = k.tenant_id AND c.id = k.id AND c.clicked_at = k.at
    LEFT JOIN campaigns cp ON cp.id = c.campaign_id`);
  return new Map(
    rowsOf(result).map((r) => [
      clickKey(r.tenant_id, r.id),
      { affiliateId: r.affiliate_id, at: timestampOfId(r.id)!, reasons: r.reasons ?? [], minClickToConversionSeconds: Number(r.min_seconds ?? 10) },
    ]),
  );
}

/** SHA-256 of each affiliate's own email (same normalisation as core/identity-hash.ts), for self-referral. */
export async function affiliateEmailHashes(db: Executor, affiliateIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(affiliateIds)];
  if (ids.length === 0) return new Map();
  const result = await db.execute<{ id: string; email_hash: string }>(sql`
    SELECT id, encode(sha256(convert_to(lower(btrim(email)), 'UTF8')), 'hex') AS email_hash FROM affiliates WHERE id = ANY(${sql.param(ids)}::text[])`);
  return new Map(rowsOf(result).map((r) => [r.id, r.email_hash]));
}

/** Affiliate owning each coupon used, keyed by `tenant|CODE`. A disabled coupon matches no new order. */
/** A coupon's affiliate, and how its campaign treats orders the coupon alone identifies. */
export interface CouponOwner {
  affiliateId: string;
  couponOnlyOrders: FraudSettings["couponOnlyOrders"];
}

export async function affiliatesOfCoupons(db: Executor, drafts: ConversionDraft[]): Promise<Map<string, CouponOwner>> {
  const used = drafts.filter((d) => d.coupon);
  if (used.length === 0) return new Map();
  const result = await db.execute<{ key: string; affiliate_id: string; fraud_settings: unknown }>(sql`
    SELECT k.tenant_id || '|' || upper(k.code) AS key, c.affiliate_id, cp.fraud_settings FROM coupons c
    JOIN unnest(${sql.param(used.map((d) => d.tenantId))}::text[], ${sql.param(used.map((d) => d.coupon!))}::text[]) AS k(tenant_id, code)
      ON c.tenant_id = k.tenant_id AND upper(c.code) = upper(k.code)
    JOIN campaigns cp ON cp.id = c.campaign_id
    WHERE c.disabled_at IS NULL`);
  return new Map(rowsOf(result).map((r) => [r.key, { affiliateId: r.affiliate_id, couponOnlyOrders: fraudSettingsFrom(r.fraud_settings).couponOnlyOrders }]));
}

export const couponKey = (d: ConversionDraft) => `${d.tenantId}|${d.coupon!.toUpperCase()}`;

/**
 * For each draft (by index), the latest click of its visitor or of any visitor seen with the same hashed
 * email or customer id: the cross-device step of the chain.
 */
export async function identityClicks(db: Executor, drafts: ConversionDraft[]): Promise<Map<number, { clickId: string; affiliateId: string }>> {
  const idx = drafts.map((_, i) => i).filter((i) => drafts[i].visitorId || drafts[i].emailHash || drafts[i].customerIdHash);
  if (idx.length === 0) return new Map();
  const col = <K extends keyof ConversionDraft>(k: K) => sql.param(idx.map((i) => drafts[i][k] ?? null));
  const result = await db.execute<{ ord: number; id: string; affiliate_id: string }>(sql`
    WITH k AS (
      SELECT * FROM unnest(${sql.param(idx)}::int[], ${col("tenantId")}::text[], ${col("visitorId")}::text[],
                           ${col("emailHash")}::text[], ${col("customerIdHash")}::text[])
        AS k(ord, tenant_id, visitor_id, email_hash, customer_hash)
    ), v AS (
      SELECT ord, tenant_id, visitor_id FROM k WHERE visitor_id IS NOT NULL
      UNION
      SELECT k.ord, k.tenant_id, i.visitor_id FROM k JOIN identities i ON i.tenant_id = k.tenant_id
        AND ((i.kind = 'email' AND i.value_hash = k.email_hash) OR (i.kind = 'customer' AND i.value_hash = k.customer_hash))
    )
    SELECT DISTINCT ON (v.ord) v.ord, c.id, c.affiliate_id FROM v
    JOIN clicks c ON c.tenant_id = v.tenant_id AND c.visitor_id = v.visitor_id
      AND c.clicked_at > now() - make_interval(days => ${IDENTITY_LOOKBACK_DAYS})
    ORDER BY v.ord, c.clicked_at DESC`);
  return new Map(rowsOf(result).map((r) => [Number(r.ord), { clickId: r.id, affiliateId: r.affiliate_id }]));
}

/**
 * For each draft (by index), its currency's rate into the merchant's default currency at the order's time,
 * and that default currency: 1.000000 when they are the same, the latest rate the merchant set otherwise.
 */
export async function fxSnapshots(db: Executor, drafts: ConversionDraft[]): Promise<Map<number, { rateMicros: number | null; defaultCurrency: string }>> {
  const result = await db.execute<{ ord: number; rate: string | null; default_currency: string }>(sql`
    SELECT k.ord, t.default_currency,
      CASE WHEN t.default_currency = k.currency THEN 1000000
        ELSE (SELECT r.rate_micros FROM fx_rates r WHERE r.tenant_id = k.tenant_id AND r.currency = k.currency AND r.as_of <= k.at ORDER BY r.as_of DESC LIMIT 1) END AS rate
    FROM unnest(${sql.param(drafts.map((_, i) => i))}::int[], ${sql.param(drafts.map((d) => d.tenantId))}::text[],
                ${sql.param(drafts.map((d) => d.currency))}::text[], ${sql.param(drafts.map((d) => new Date(d.occurredAt).toISOString()))}::timestamptz[])
      AS k(ord, tenant_id, currency, at)
    JOIN tenants t ON t.id = k.tenant_id`);
  return new Map(rowsOf(result).map((r) => [Number(r.ord), { rateMicros: r.rate === null ? null : Number(r.rate), defaultCurrency: r.default_currency }]));
}
