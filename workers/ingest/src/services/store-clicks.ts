import { sql } from "drizzle-orm";
import type { ClickEvent } from "../../../../core/schemas/click-event";
import type { Executor } from "../../../../db/client";
import { inSlices } from "../lib/yield-to-requests";

/** Rows per insert: big enough that round trips don't matter, small enough to encode without a long stall. */
const CLICKS_PER_INSERT = 1_000;

/**
 * Inserts of up to a thousand clicks, each one statement with its rows sent as a single JSON parameter that
 * Postgres unpacks (`jsonb_to_recordset`): building and binding 13 parameters per row cost more than the
 * insert itself. A redelivered click hits the primary key and is skipped.
 */
export function storeClicks(db: Executor, events: ClickEvent[]): Promise<void> {
  return inSlices(events, CLICKS_PER_INSERT, (slice) => insertClicks(db, slice));
}

async function insertClicks(db: Executor, events: ClickEvent[]): Promise<void> {
  const rows = events.map((e) => ({
    id: e.id,
    clicked_at: new Date(e.ts).toISOString(),
    tenant_id: e.tenantId,
    link_id: e.linkId,
    campaign_id: e.campaignId,
    affiliate_id: e.affiliateId,
    visitor_id: e.visitorId,
    sub_ids: e.subIds,
    ip_hash: e.ipHash,
    country: e.country,
    user_agent: e.userAgent,
    referrer_host: e.referrerHost,
    ad_click_ids: e.adClickIds,
    is_duplicate: e.isDuplicate,
    fraud_score: e.fraud.score,
    fraud_reasons: e.fraud.reasons,
    flagged: e.fraud.flagged,
  }));
  await db.execute(sql`
    INSERT INTO clicks (id, clicked_at, tenant_id, link_id, campaign_id, affiliate_id, visitor_id, sub_ids, ip_hash, country, user_agent, referrer_host, ad_click_ids,
      is_duplicate, fraud_score, fraud_reasons, flagged)
    SELECT id, clicked_at, tenant_id, link_id, campaign_id, affiliate_id, visitor_id, sub_ids, ip_hash, country, user_agent, referrer_host, ad_click_ids,
      is_duplicate, fraud_score, ARRAY(SELECT jsonb_array_elements_text(fraud_reasons)), flagged
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
      id text, clicked_at timestamptz, tenant_id text, link_id text, campaign_id text, affiliate_id text, visitor_id text,
      sub_ids jsonb, ip_hash text, country char(2), user_agent text, referrer_host text, ad_click_ids jsonb,
      is_duplicate boolean, fraud_score smallint, fraud_reasons jsonb, flagged boolean)
    ON CONFLICT DO NOTHING`);
}
