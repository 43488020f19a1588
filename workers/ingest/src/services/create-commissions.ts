/**
 * Commissions for the orders of a batch, in the same transaction that stored them: the campaign of the
 * matched click (or coupon), the shopper's touches inside the campaign's window, the campaign's model and
 * rules (core/attribution, core/commission). Set-based: a few queries per batch, none per order.
 * Idempotent: an order that already has commissions is skipped.
 */
import { sql } from "drizzle-orm";
import { attribute } from "../../../../core/attribution/attribute";
import { splitByWeights } from "../../../../core/attribution/split";
import { attributionModelSchema } from "../../../../core/attribution/models";
import type { Touch } from "../../../../core/attribution/models";
import { computeCommission } from "../../../../core/commission/compute";
import { commissionRulesSchema } from "../../../../core/commission/rules";
import { newId, timestampOfId } from "../../../../core/ids";
import { rowsOf, type Executor } from "../../../../db/client";
import { commissions } from "../../../../db/schema";

/** The driver may hand timestamps back as Date objects or strings; both become epoch ms, to the ms. */
const ms = (v: string | Date) => new Date(v).getTime();

type Order = {
  id: string;
  tenant_id: string;
  order_id: string;
  amount: string;
  currency: string;
  items: { sku: string; category?: string; quantity: number; unitAmount: number }[];
  occurred_at: string | Date;
  identity_source: string;
  matched_click_id: string | null;
  matched_affiliate_id: string;
  visitor_id: string | null;
  flagged: boolean;
  coupon_campaign_id: string | null;
  first_order: boolean;
  month_revenue: string;
  affiliate_group: string | null;
};

type MatchedClick = { id: string; tenant_id: string; campaign_id: string; visitor_id: string; flagged: boolean };
type Campaign = { id: string; attribution_window_days: number; lock_days: number; attribution_model: unknown; commission_rules: unknown };
type TouchRow = { tenant_id: string; campaign_id: string; visitor_id: string; affiliate_id: string; id: string; clicked_at: string | Date };

async function newOrders(db: Executor, keys: { tenantId: string; orderId: string }[]): Promise<Order[]> {
  return rowsOf(
    await db.execute<Order>(sql`
      SELECT cv.id, cv.tenant_id, cv.order_id, cv.amount, cv.currency, cv.items, cv.occurred_at, cv.identity_source,
        cv.matched_click_id, cv.matched_affiliate_id, cv.visitor_id, cv.flagged, cp.campaign_id AS coupon_campaign_id,
        (cv.email_hash IS NOT NULL AND NOT EXISTS (SELECT 1 FROM conversions p
          WHERE p.tenant_id = cv.tenant_id AND p.email_hash = cv.email_hash AND p.occurred_at < cv.occurred_at)) AS first_order,
        (SELECT coalesce(sum(m.amount), 0) FROM conversions m WHERE m.tenant_id = cv.tenant_id AND m.matched_affiliate_id = cv.matched_affiliate_id
          AND m.occurred_at >= date_trunc('month', cv.occurred_at) AND m.occurred_at < cv.occurred_at AND m.status <> 'cancelled') AS month_revenue,
        (SELECT a.affiliate_group FROM affiliates a WHERE a.id = cv.matched_affiliate_id) AS affiliate_group
      FROM conversions cv
      JOIN unnest(${sql.param(keys.map((k) => k.tenantId))}::text[], ${sql.param(keys.map((k) => k.orderId))}::text[]) AS k(tenant_id, order_id)
        ON cv.tenant_id = k.tenant_id AND cv.order_id = k.order_id
      LEFT JOIN coupons cp ON cv.identity_source = 'coupon' AND cp.tenant_id = cv.tenant_id AND upper(cp.code) = upper(cv.coupon)
      WHERE cv.matched_affiliate_id IS NOT NULL AND cv.status <> 'cancelled' AND coalesce(cv.renewal, 0) = 0
        AND NOT EXISTS (SELECT 1 FROM commissions cm WHERE cm.tenant_id = cv.tenant_id AND cm.conversion_id = cv.id)`),
  );
}

/** The matched clicks; the time inside each id picks its partition. */
async function matchedClicks(db: Executor, orders: Order[]): Promise<Map<string, MatchedClick>> {
  const withClick = orders.filter((o) => o.matched_click_id && timestampOfId(o.matched_click_id) !== null);
  if (withClick.length === 0) return new Map();
  const rows = rowsOf(
    await db.execute<MatchedClick>(sql`
      SELECT c.id, c.tenant_id, c.campaign_id, c.visitor_id, c.flagged FROM clicks c
      JOIN unnest(${sql.param(withClick.map((o) => o.tenant_id))}::text[], ${sql.param(withClick.map((o) => o.matched_click_id!))}::text[],
                  ${sql.param(withClick.map((o) => new Date(timestampOfId(o.matched_click_id!)!).toISOString()))}::timestamptz[]) AS k(tenant_id, id, at)
        ON c.tenant_id = k.tenant_id AND c.id = k.id AND c.clicked_at = k.at`),
  );
  return new Map(rows.map((r) => [`${r.tenant_id}|${r.id}`, r]));
}

export async function createCommissions(db: Executor, keys: { tenantId: string; orderId: string }[]): Promise<void> {
  if (keys.length === 0) return;
  await createRenewalCommissions(db, keys);
  const orders = await newOrders(db, keys);
  if (orders.length === 0) return;
  const clicks = await matchedClicks(db, orders);
  const campaignOf = (o: Order) => (o.matched_click_id ? clicks.get(`${o.tenant_id}|${o.matched_click_id}`)?.campaign_id : null) ?? o.coupon_campaign_id;
  const campaignIds = [...new Set(orders.map(campaignOf).filter((c): c is string => !!c))];
  if (campaignIds.length === 0) return;
  const campaigns = new Map(
    rowsOf(await db.execute<Campaign>(sql`SELECT id, attribution_window_days, lock_days, attribution_model, commission_rules FROM campaigns WHERE id = ANY(${sql.param(campaignIds)}::text[])`)).map((c) => [c.id, c]),
  );

  // Every click of the orders' shoppers in their campaigns within the longest window: the touches.
  const visitors = [...new Set(orders.flatMap((o) => [o.visitor_id, o.matched_click_id ? clicks.get(`${o.tenant_id}|${o.matched_click_id}`)?.visitor_id : null]).filter((v): v is string => !!v))];
  const longest = Math.max(...[...campaigns.values()].map((c) => c.attribution_window_days));
  const touchRows = visitors.length
    ? rowsOf(
        await db.execute<TouchRow>(sql`
          SELECT tenant_id, campaign_id, visitor_id, affiliate_id, id, clicked_at FROM clicks
          WHERE tenant_id = ANY(${sql.param([...new Set(orders.map((o) => o.tenant_id))])}::text[])
            AND visitor_id = ANY(${sql.param(visitors)}::text[]) AND campaign_id = ANY(${sql.param(campaignIds)}::text[])
            AND clicked_at > now() - make_interval(days => ${longest + 1}) AND NOT is_duplicate AND review_status IS DISTINCT FROM 'rejected'`),
      )
    : [];

  // Touches by shopper, so each order reads its own rather than scanning the batch's.
  const touchesOf = new Map<string, TouchRow[]>();
  for (const t of touchRows) {
    const key = `${t.tenant_id}|${t.visitor_id}`;
    touchesOf.set(key, [...(touchesOf.get(key) ?? []), t]);
  }
  const rows = orders.flatMap((o) => {
    const campaign = campaignOf(o) ? campaigns.get(campaignOf(o)!) : undefined;
    if (!campaign) return [];
    const rules = commissionRulesSchema.safeParse(campaign.commission_rules);
    const model = attributionModelSchema.safeParse(campaign.attribution_model);
    if (!rules.success || !model.success) return [];
    const amount = Number(o.amount);
    const commission = computeCommission(rules.data, {
      amount,
      items: o.items ?? [],
      isFirstOrder: o.first_order,
      affiliateGroup: o.affiliate_group,
      affiliateMonthRevenue: Number(o.month_revenue),
    });
    const matched = o.matched_click_id ? clicks.get(`${o.tenant_id}|${o.matched_click_id}`) : undefined;
    const shopper = new Set([o.visitor_id, matched?.visitor_id].filter(Boolean));
    const touches: Touch[] =
      o.identity_source === "coupon"
        ? [{ affiliateId: o.matched_affiliate_id, at: ms(o.occurred_at) }]
        : [...shopper]
            .flatMap((v) => touchesOf.get(`${o.tenant_id}|${v}`) ?? [])
            .filter((t) => t.campaign_id === campaign.id)
            .map((t) => ({ affiliateId: t.affiliate_id, at: ms(t.clicked_at), clickId: t.id }));
    // The matched click itself always counts, even when its shopper's other clicks are unknown.
    if (matched && !touches.some((t) => t.clickId === matched.id)) touches.push({ affiliateId: o.matched_affiliate_id, at: timestampOfId(matched.id)!, clickId: matched.id });
    const shares = attribute({ touches, conversionAt: ms(o.occurred_at), windowDays: campaign.attribution_window_days, model: model.data, commission: commission.amount });
    return shares.map((s) => ({
      id: newId("commission"),
      tenantId: o.tenant_id,
      conversionId: o.id,
      orderId: o.order_id,
      affiliateId: s.affiliateId,
      campaignId: campaign.id,
      currency: o.currency,
      amount: s.amount,
      shareBp: s.shareBp,
      heldForReview: o.flagged || !!matched?.flagged,
      rulesVersion: commission.rulesVersion,
      explanation: [s.explanation, ...commission.explanation],
      lockUntil: new Date(ms(o.occurred_at) + campaign.lock_days * 86_400_000),
    }));
  });
  await insertCommissions(db, rows);
}

type CommissionInsert = typeof commissions.$inferInsert;

/** One insert for the batch, its rows as a single JSON parameter (see store-clicks.ts for why). */
async function insertCommissions(db: Executor, rows: CommissionInsert[]): Promise<void> {
  if (rows.length === 0) return;
  const json = rows.map((r) => ({
    id: r.id, tenant_id: r.tenantId, conversion_id: r.conversionId, order_id: r.orderId, affiliate_id: r.affiliateId, campaign_id: r.campaignId,
    currency: r.currency, amount: r.amount, share_bp: r.shareBp, held_for_review: r.heldForReview, rules_version: r.rulesVersion,
    explanation: r.explanation, lock_until: (r.lockUntil as Date).toISOString(),
  }));
  await db.execute(sql`
    INSERT INTO commissions (id, tenant_id, conversion_id, order_id, affiliate_id, campaign_id, currency, amount, share_bp, held_for_review, rules_version, explanation, lock_until)
    SELECT id, tenant_id, conversion_id, order_id, affiliate_id, campaign_id, currency, amount, share_bp, held_for_review, rules_version, explanation, lock_until
    FROM jsonb_to_recordset(${JSON.stringify(json)}::jsonb) AS r(id text, tenant_id text, conversion_id text, order_id text, affiliate_id text, campaign_id text,
      currency char(3), amount bigint, share_bp int, held_for_review boolean, rules_version int, explanation jsonb, lock_until timestamptz)
    ON CONFLICT DO NOTHING`);
}

type Renewal = { id: string; tenant_id: string; order_id: string; amount: string; currency: string; renewal: number; flagged: boolean; occurred_at: string | Date;
  affiliate_id: string; campaign_id: string; share_bp: number; commission_rules: unknown; lock_days: number };

/**
 * Subscription renewals earn for the affiliates of the subscription's first payment, in the same shares,
 * for as many months as the campaign's `recurringMonths` (core/commission/compute.ts): no click is needed.
 */
async function createRenewalCommissions(db: Executor, keys: { tenantId: string; orderId: string }[]): Promise<void> {
  const rows = rowsOf(
    await db.execute<Renewal>(sql`
      SELECT cv.id, cv.tenant_id, cv.order_id, cv.amount, cv.currency, cv.renewal, cv.flagged, cv.occurred_at,
        cm.affiliate_id, cm.campaign_id, cm.share_bp, ca.commission_rules, ca.lock_days
      FROM conversions cv
      JOIN unnest(${sql.param(keys.map((k) => k.tenantId))}::text[], ${sql.param(keys.map((k) => k.orderId))}::text[]) AS k(tenant_id, order_id)
        ON cv.tenant_id = k.tenant_id AND cv.order_id = k.order_id
      JOIN LATERAL (SELECT f.id FROM conversions f WHERE f.tenant_id = cv.tenant_id AND f.subscription_id = cv.subscription_id
        AND coalesce(f.renewal, 0) = 0 ORDER BY f.occurred_at LIMIT 1) first ON true
      JOIN commissions cm ON cm.tenant_id = cv.tenant_id AND cm.conversion_id = first.id AND cm.status NOT IN ('rejected')
      JOIN campaigns ca ON ca.id = cm.campaign_id
      WHERE cv.renewal > 0 AND cv.status <> 'cancelled'
        AND NOT EXISTS (SELECT 1 FROM commissions x WHERE x.tenant_id = cv.tenant_id AND x.conversion_id = cv.id)`),
  );
  const byOrder = new Map<string, Renewal[]>();
  for (const r of rows) byOrder.set(r.id, [...(byOrder.get(r.id) ?? []), r]);
  const inserts = [...byOrder.values()].flatMap((shares) => {
    const o = shares[0];
    const rules = commissionRulesSchema.safeParse(o.commission_rules);
    if (!rules.success) return [];
    const commission = computeCommission(rules.data, { amount: Number(o.amount), items: [], isFirstOrder: false, renewalMonth: o.renewal, affiliateMonthRevenue: 0 });
    const parts = splitByWeights(commission.amount, shares.map((s) => s.share_bp));
    return shares.map((s, i) => ({
      id: newId("commission"),
      tenantId: o.tenant_id,
      conversionId: o.id,
      orderId: o.order_id,
      affiliateId: s.affiliate_id,
      campaignId: s.campaign_id,
      currency: o.currency,
      amount: parts[i],
      shareBp: s.share_bp,
      heldForReview: o.flagged,
      rulesVersion: commission.rulesVersion,
      explanation: [`renewal ${o.renewal} of a subscription first referred by this affiliate (${(s.share_bp / 100).toFixed(2)}% of the credit)`, ...commission.explanation],
      lockUntil: new Date(ms(o.occurred_at) + o.lock_days * 86_400_000),
    }));
  });
  await insertCommissions(db, inserts);
}
