/**
 * What the campaigns' conflict rules (core/attribution/conflict-rules.ts) need to know about a batch's
 * orders beyond their clicks. Each lookup runs only for the orders whose campaign's rules use it, so a batch
 * under the default rules pays for none of them.
 */
import { sql } from "drizzle-orm";
import type { ConflictRules } from "../../../../core/attribution/conflict-rules";
import type { ConflictFacts } from "../../../../core/attribution/conflicts";
import type { Touch } from "../../../../core/attribution/models";
import { assess, FRAUD_SIGNALS, type FraudReason } from "../../../../core/fraud";
import { rowsOf, type Executor } from "../../../../db/client";
import { affiliateEmailHashes } from "./identity-lookups";

export interface OrderConflicts {
  key: string;
  tenantId: string;
  rules: ConflictRules;
  matchedAffiliateId: string;
  fraudReasons: readonly string[];
  emailHash: string | null;
  /** The shopper's clicks in the campaign, and the order's coupon when it is of the campaign. */
  touches: readonly Touch[];
  coupon: { code: string; affiliateId: string } | null;
  visitorIds: string[];
  /** The order's window, epoch ms. */
  from: number;
  to: number;
}

/** The conflict facts of each order (by key), in at most two queries for the batch, none under the default rules. */
export async function conflictFacts(db: Executor, orders: OrderConflicts[]): Promise<Map<string, ConflictFacts>> {
  const self = await selfReferrers(
    db,
    orders.map((o) => ({ key: o.key, affiliateId: o.matchedAffiliateId, reasons: o.fraudReasons })),
    orders
      .filter((o) => o.emailHash && checksEveryAffiliate(o.rules))
      .map((o) => ({ key: o.key, emailHash: o.emailHash!, affiliateIds: [...new Set([...o.touches.map((t) => t.affiliateId), ...(o.coupon ? [o.coupon.affiliateId] : [])])] })),
  );
  const entries = await entryVisits(db, orders.filter((o) => o.rules.directOrganic === "breaks_credit"));
  return new Map(orders.map((o) => [o.key, { coupon: o.coupon, selfReferrers: self.get(o.key) ?? [], entryVisits: entries.get(o.key) ?? [] }]));
}

/** Rules under which an affiliate other than the one matched when the order was stored may be credited or held. */
const checksEveryAffiliate = (r: ConflictRules) => r.linkVsCoupon !== "link_first" || r.selfReferral !== "hold";

/**
 * Affiliates whose own email the order carries, per order key. The matched affiliate was checked when the
 * order was stored (its `self_referral` reason); `others` lists orders whose touching affiliates must all be checked.
 */
async function selfReferrers(
  db: Executor,
  matched: { key: string; affiliateId: string; reasons: readonly string[] }[],
  others: { key: string; emailHash: string; affiliateIds: string[] }[],
): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const add = (key: string, id: string) => found.set(key, [...new Set([...(found.get(key) ?? []), id])]);
  for (const m of matched) if (m.reasons.includes("self_referral")) add(m.key, m.affiliateId);
  const hashes = await affiliateEmailHashes(db, others.flatMap((o) => o.affiliateIds));
  for (const o of others) for (const id of o.affiliateIds) if (hashes.get(id) === o.emailHash) add(o.key, id);
  return found;
}

/**
 * The fraud review's word, read whenever commissions are (re)computed: an order whose own or whose matched
 * click's review approved it, and neither rejected it, holds none of its new commissions, as the approval
 * released the order's commissions then (db/queries/commission-lifecycle.ts settleReviewedCommissions).
 * Without it, re-attribution put an approved order's new commissions back on hold, where nothing could
 * release them: the order had left the review queue, and the decisions endpoint and the lock-period cron
 * skip held commissions. A rejection keeps them held (it rejected the order's commissions, which
 * re-attribution leaves as they are); an order still awaiting review stays held, and in the queue.
 */
export function approvedInReview(order: string | null, click: string | null): boolean {
  return (order === "approved" || click === "approved") && order !== "rejected" && click !== "rejected";
}

/**
 * Whether the order's own fraud flag holds its commissions: always under `hold`; under `exclude` and
 * `allow` only when the order would be flagged without its self-referral.
 */
export function orderHeld(flagged: boolean, reasons: readonly string[], rules: ConflictRules): boolean {
  if (!flagged || rules.selfReferral === "hold" || !reasons.includes("self_referral")) return flagged;
  return assess(reasons.filter((r): r is FraudReason => r in FRAUD_SIGNALS && r !== "self_referral")).flagged;
}

/**
 * For `directOrganic: breaks_credit`: when each order's shopper entered the shop from outside it (a page view
 * with no referrer or another site's), inside the order's window, per order key. Bots' page views do not count.
 */
async function entryVisits(
  db: Executor,
  wanted: { key: string; tenantId: string; visitorIds: string[]; from: number; to: number }[],
): Promise<Map<string, number[]>> {
  const rows = wanted.flatMap((w) => w.visitorIds.map((visitorId) => ({ ...w, visitorId })));
  if (rows.length === 0) return new Map();
  const found = rowsOf(
    await db.execute<{ key: string; at: string | Date }>(sql`
      SELECT k.key, e.occurred_at AS at
      FROM unnest(${sql.param(rows.map((r) => r.key))}::text[], ${sql.param(rows.map((r) => r.tenantId))}::text[], ${sql.param(rows.map((r) => r.visitorId))}::text[],
                  ${sql.param(rows.map((r) => new Date(r.from).toISOString()))}::timestamptz[], ${sql.param(rows.map((r) => new Date(r.to).toISOString()))}::timestamptz[])
        AS k(key, tenant_id, visitor_id, since, until)
      JOIN events e ON e.tenant_id = k.tenant_id AND e.visitor_id = k.visitor_id AND e.occurred_at BETWEEN k.since AND k.until
      WHERE e.type = 'pageview' AND NOT e.is_bot
        AND e.referrer_host IS DISTINCT FROM substring(e.url FROM '^[A-Za-z][A-Za-z0-9+.-]*://([^/:?#]+)')`),
  );
  const byKey = new Map<string, number[]>();
  for (const r of found) byKey.set(r.key, [...(byKey.get(r.key) ?? []), new Date(r.at).getTime()]);
  return byKey;
}
