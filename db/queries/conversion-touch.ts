/**
 * What an order is credited to, for lists and reports: the campaign and sub-ids of its matched click, or
 * for an order found by coupon, the coupon's campaign (as create-commissions decides it). Conversions carry
 * the matched click's id and time (`matched_click_at`, read from the id), so the click is joined back by
 * both: the time names its month's partition, where the id alone would probe every month kept.
 */
import { sql, type SQL } from "drizzle-orm";

/** `LEFT JOIN`s to add after `FROM conversions <cv>`; they expose `<cv>_click` and `<cv>_coupon`. */
export function joinConversionTouch(cv: string): SQL {
  const click = sql.raw(`${cv}_click`);
  const coupon = sql.raw(`${cv}_coupon`);
  const c = sql.raw(cv);
  return sql`
    LEFT JOIN LATERAL (SELECT k.id, k.campaign_id, k.sub_ids FROM clicks k WHERE k.tenant_id = ${c}.tenant_id AND k.id = ${c}.matched_click_id AND k.clicked_at = ${c}.matched_click_at LIMIT 1) ${click} ON true
    LEFT JOIN coupons ${coupon} ON ${c}.identity_source = 'coupon' AND ${coupon}.tenant_id = ${c}.tenant_id AND upper(${coupon}.code) = upper(${c}.coupon)`;
}

/** The order's campaign, once `joinConversionTouch(cv)` is in the query. */
export const conversionCampaign = (cv: string): SQL => sql.raw(`coalesce(${cv}_click.campaign_id, ${cv}_coupon.campaign_id)`);

/** The matched click's sub-ids (an empty object for coupon orders), once `joinConversionTouch(cv)` is in the query. */
export const conversionSubIds = (cv: string): SQL => sql.raw(`coalesce(${cv}_click.sub_ids, '{}'::jsonb)`);

/**
 * Whether the click an order names is stored, once `joinConversionTouch(cv)` is in the query: null when the
 * order names none. An order can name a click that is not stored: one still in the queue (it is credited
 * when the click lands), or an id the shop mangled or made up, which would otherwise look like any order
 * nobody referred.
 */
export const clickRecorded = (cv: string): SQL => sql.raw(`CASE WHEN ${cv}.matched_click_id IS NULL THEN NULL ELSE ${cv}_click.id IS NOT NULL END`);
