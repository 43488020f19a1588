/**
 * Commissions for the orders of a batch, in the same transaction that stored them: the campaign of the
 * matched click (or coupon), the shopper's touches inside the campaign's window, the campaign's conflict
 * rules, model and commission rules (core/attribution, core/commission). Set-based: a few queries per batch, none per order.
 * Idempotent: an order that already has commissions is skipped. New commissions are announced to the
 * merchant's webhooks (`commission.created`) in the same transaction.
 */
import { sql } from "drizzle-orm";
import { attribute } from "../../../../core/attribution/attribute";
import { clickTimeBounds } from "../../../../core/attribution/click-time-bounds";
import { namesItsClick, orderMoment } from "../../../../core/attribution/order-moment";
import { splitByWeights } from "../../../../core/attribution/split";
import { conflictRulesFrom, type ConflictRules } from "../../../../core/attribution/conflict-rules";
import { attributionModelSchema } from "../../../../core/attribution/models";
import type { AttributionModel, Touch } from "../../../../core/attribution/models";
import { assignBonus, computeCommission, type FxFacts } from "../../../../core/commission/compute";
import { convertVia, currencySchema } from "../../../../core/money";
import { commissionRulesSchema, type CommissionRules } from "../../../../core/commission/rules";
import { newId, timestampOfId } from "../../../../core/ids";
import { rowsOf, type Executor } from "../../../../db/client";
import { commissionCreated } from "../../../../db/queries/webhook-event-data";
import { emitWebhookEvents } from "../../../../db/queries/webhook-outbox";
import { reverseCommissions } from "../../../../db/queries/reverse-commissions";
import { approvedInReview, conflictFacts, orderHeld } from "./conflict-facts";
import { epochMs } from "./epoch-ms";
import { storedRefundsOf } from "./store-refunds";

/** The driver may hand timestamps back as Date objects or strings; both become epoch ms, to the ms. */
const ms = epochMs;

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
  /** The fraud review's decision on the order: approved, rejected, or null while none was made. */
  review_status: string | null;
  renewal: number | null;
  coupon_campaign_id: string | null;
  /** The order's coupon, its affiliate and campaign, whatever step of the chain matched (conflict rules). */
  coupon: string | null;
  coupon_affiliate_id: string | null;
  coupon_of_campaign_id: string | null;
  email_hash: string | null;
  fraud_reasons: string[] | null;
  /** The longest attribution window of the order's merchant's campaigns: how far back its touches can be. */
  max_window_days: number | null;
  /** A refund of the order is stored already (it arrived first): the new commissions must give it back. */
  refunded: boolean;
  /** The order's FX snapshot: its currency → the merchant's default currency, millionths (null: no rate then). */
  fx_rate_micros: string | null;
  default_currency: string;
};

type MatchedClick = { id: string; tenant_id: string; campaign_id: string; visitor_id: string; flagged: boolean; review_status: string | null };
type Campaign = { id: string; currency: string; attribution_window_days: number; lock_days: number; attribution_model: unknown; commission_rules: unknown; conflict_rules: unknown };
/** A shopper's touch, with the campaign of its click (an order counts only those of its own campaign). */
type CampaignTouch = Touch & { campaignId: string };
/**
 * One row of the context query: a matched click, a campaign, or one shopper's touches in one campaign,
 * told apart by `kind`. The touches come as `affiliate click-id epoch-ms` triples joined by spaces (ids are
 * prefixed Crockford base32, never a space): a batch has ~10 touches per shopper, and one row per shopper
 * instead of one per touch left a tenth of the rows for the driver to parse and the garbage collector to
 * free, and no timestamp text to read.
 */
type ContextRow = MatchedClick & Campaign & { kind: "click" | "campaign" | "touches"; touches: string | null };

/** The batch's tenants, for the campaigns they have (the longest attribution window). */
const tenantsOf = (ids: string[]) => [...new Set(ids)];

/**
 * The batch's orders that still have no commissions and are not cancelled: first payments with a matched
 * affiliate, and subscription renewals. Each key is looked up on its own (tenant_id, order_id) index entry
 * (the LIMIT keeps the lookup a per-key probe). The keys' tenant is deliberately not also named as a
 * constant (`tenant_id = ANY(...)`), although that would prune partitions at plan time: when the statistics
 * do not know the tenant yet (a fresh partition, a new merchant's first thousands of orders before
 * autovacuum analyzes), the constant makes the planner expect at most one row of the tenant, every index
 * that starts with tenant_id looks as good as the unique one, and it picked (tenant_id, subscription_id),
 * reading all the tenant's orders once per key: 73 ms per batch on average in bench:ingest, growing with
 * the tenant. Planning all partitions costs ~1-3 ms instead (more on a connection's first query).
 */
async function batchOrders(db: Executor, keys: { tenantId: string; orderId: string }[], withCommissions = false): Promise<Order[]> {
  return rowsOf(
    await db.execute<Order>(sql`
      SELECT cv.id, cv.tenant_id, cv.order_id, cv.amount, cv.currency, cv.items, cv.occurred_at, cv.identity_source,
        cv.matched_click_id, cv.matched_affiliate_id, cv.visitor_id, cv.flagged, cv.review_status, cv.renewal,
        CASE WHEN cv.identity_source = 'coupon' THEN cp.campaign_id END AS coupon_campaign_id,
        cv.coupon, cp_live.affiliate_id AS coupon_affiliate_id, cp_live.campaign_id AS coupon_of_campaign_id, cv.email_hash, cv.fraud_reasons,
        w.max_window_days, cv.fx_rate_micros, t.default_currency, EXISTS (SELECT 1 FROM refunds r WHERE r.tenant_id = cv.tenant_id AND r.order_id = cv.order_id) AS refunded
      FROM unnest(${sql.param(keys.map((k) => k.tenantId))}::text[], ${sql.param(keys.map((k) => k.orderId))}::text[]) AS k(tenant_id, order_id)
      CROSS JOIN LATERAL (
        SELECT * FROM conversions c WHERE c.tenant_id = k.tenant_id AND c.order_id = k.order_id
          AND c.status <> 'cancelled'
          AND ((c.matched_affiliate_id IS NOT NULL AND coalesce(c.renewal, 0) = 0) OR c.renewal > 0)
          ${withCommissions ? sql`` : sql`AND NOT EXISTS (SELECT 1 FROM commissions cm WHERE cm.tenant_id = c.tenant_id AND cm.conversion_id = c.id)`}
        LIMIT 1) cv
      JOIN tenants t ON t.id = cv.tenant_id
      LEFT JOIN coupons cp ON cp.tenant_id = cv.tenant_id AND upper(cp.code) = upper(cv.coupon)
      -- For the conflict rules the coupon counts only if it was live when the order came in, so re-attributing
      -- old orders keeps it while orders after it was disabled ignore it; the campaign of a coupon-matched order
      -- (above) is found either way.
      LEFT JOIN LATERAL (SELECT cp.affiliate_id, cp.campaign_id WHERE cp.disabled_at IS NULL OR cp.disabled_at > cv.received_at) cp_live ON true
      CROSS JOIN (SELECT max(attribution_window_days) AS max_window_days FROM campaigns
        WHERE tenant_id = ANY(${sql.param(tenantsOf(keys.map((k) => k.tenantId)))}::text[])) w`),
  );
}

/**
 * `month_same`: the month's revenue of orders in the campaign's currency, as they are; `month_other`: that of
 * orders in other currencies, in the merchant's default currency at each order's own snapshot
 * (`default_currency_amount`), converted into the campaign's currency by the batch; `month_unconverted`: how
 * many orders in other currencies had no snapshot and do not count.
 */
type Facts = { id: string; tenant_id: string; first_order: boolean; month_same: string; month_other: string; month_unconverted: string; affiliate_group: string | null };

/**
 * What the rules may ask about an order: is it the customer's first (by email), the affiliate's revenue
 * this month before it (tiers, bonuses), the affiliate's group. Asked only for the orders whose campaign's
 * rules use any of them, so a plain-rate batch pays none of these lookups.
 */
async function orderFacts(db: Executor, orders: Order[], currencyOf: (o: Order) => string): Promise<Map<string, Facts>> {
  if (orders.length === 0) return new Map();
  const rows = rowsOf(
    await db.execute<Facts>(sql`
      SELECT cv.id, cv.tenant_id,
        (cv.email_hash IS NOT NULL AND NOT EXISTS (SELECT 1 FROM conversions p
          WHERE p.tenant_id = cv.tenant_id AND p.email_hash = cv.email_hash AND p.occurred_at < cv.occurred_at)) AS first_order,
        mr.month_same, mr.month_other, mr.month_unconverted,
        (SELECT a.affiliate_group FROM affiliates a WHERE a.id = cv.matched_affiliate_id) AS affiliate_group
      FROM unnest(${sql.param(orders.map((o) => o.tenant_id))}::text[], ${sql.param(orders.map((o) => o.id))}::text[],
                  ${sql.param(orders.map(currencyOf))}::text[]) AS k(tenant_id, id, campaign_currency)
      -- By key alone, not also by a constant tenant list, for the reason told at batchOrders.
      CROSS JOIN LATERAL (SELECT * FROM conversions c WHERE c.tenant_id = k.tenant_id AND c.id = k.id LIMIT 1) cv
      -- Revenue is paid or fulfilled orders only (not placed and unpaid, not cancelled), not held in the fraud
      -- review (flagged and not approved there), net of their stored refunds in the order's currency (a refund
      -- in another currency is never applied); in the default currency the refunded fraction of the snapshot.
      CROSS JOIN LATERAL (
        SELECT coalesce(sum(n.net) FILTER (WHERE n.currency = k.campaign_currency), 0) AS month_same,
          coalesce(sum(n.net_default) FILTER (WHERE n.currency <> k.campaign_currency), 0) AS month_other,
          count(*) FILTER (WHERE n.currency <> k.campaign_currency AND n.net_default IS NULL AND n.net > 0) AS month_unconverted
        FROM (
          SELECT m.currency, m.amount - rf.refunded AS net,
            m.default_currency_amount - CASE WHEN m.amount > 0 THEN round(m.default_currency_amount::numeric * rf.refunded / m.amount)::bigint ELSE 0 END AS net_default
          FROM conversions m
          CROSS JOIN LATERAL (SELECT least(coalesce(sum(r.amount), 0), m.amount) AS refunded FROM refunds r
            WHERE r.tenant_id = m.tenant_id AND r.order_id = m.order_id AND r.currency = m.currency) rf
          WHERE m.tenant_id = cv.tenant_id AND m.matched_affiliate_id = cv.matched_affiliate_id
            AND m.occurred_at >= date_trunc('month', cv.occurred_at) AND m.occurred_at < cv.occurred_at
            AND m.status IN ('paid', 'fulfilled') AND (NOT m.flagged OR m.review_status = 'approved')) n) mr`),
  );
  return new Map(rows.map((r) => [`${r.tenant_id}|${r.id}`, r]));
}

/**
 * The order's FX facts for its campaign's fixed amounts: each currency's rate into the merchant's default
 * currency. The order's own is its snapshot (`fx_rate_micros`); the campaign's is 1 when it is the default
 * currency, the order's snapshot when it is the order's currency, else the merchant's rate of the order's
 * time (`campaignRates`). A missing rate stays null: the core then pays no fixed amount and says so.
 */
type FxOrder = Pick<Order, "tenant_id" | "currency" | "fx_rate_micros" | "default_currency" | "occurred_at">;

function fxFactsOf(o: FxOrder, campaignCurrency: string, campaignRate: number | null): FxFacts | undefined {
  const c = currencySchema.safeParse(campaignCurrency.trim());
  const oc = currencySchema.safeParse(o.currency.trim());
  if (!c.success || !oc.success) return undefined;
  const orderRate = oc.data === o.default_currency.trim() ? 1_000_000 : o.fx_rate_micros === null ? null : Number(o.fx_rate_micros);
  const campaignRateMicros = c.data === o.default_currency.trim() ? 1_000_000 : c.data === oc.data ? orderRate : campaignRate;
  return { campaignCurrency: c.data, orderCurrency: oc.data, campaignRateMicros, orderRateMicros: orderRate };
}

/**
 * The affiliate's revenue this month in the campaign's currency: orders in that currency as they are, the
 * others through their own snapshots into the default currency, then into the campaign's at the campaign's
 * rate of this order (half to even). What cannot be converted does not count, and the explanation says so.
 */
function monthRevenue(f: Facts, fx: FxFacts | undefined, defaultCurrency: string): { revenue: number; notes: string[] } {
  const same = Number(f.month_same);
  const other = Number(f.month_other);
  const notes: string[] = [];
  let revenue = same;
  const d = currencySchema.safeParse(defaultCurrency.trim());
  if (other > 0) {
    if (fx && d.success && fx.campaignRateMicros !== null) revenue += convertVia(other, 1_000_000, fx.campaignRateMicros, d.data, fx.campaignCurrency);
    else notes.push(`${other} ${defaultCurrency.trim()} of this month's revenue in other currencies could not be converted into ${fx?.campaignCurrency ?? "the campaign's currency"} and did not count`);
  }
  const unconverted = Number(f.month_unconverted);
  if (unconverted > 0) notes.push(`${unconverted} order(s) of this month in other currencies had no exchange rate and did not count toward monthly revenue`);
  return { revenue, notes };
}

/**
 * The merchant's rate of a campaign's currency at each order's time (the rate its snapshot would have
 * taken), only for orders whose campaign's currency is neither theirs nor the merchant's default: rare, so a
 * batch without them pays no query.
 */
async function campaignRates(db: Executor, items: { key: string; o: FxOrder; campaignCurrency: string }[]): Promise<Map<string, number | null>> {
  const need = items.filter(({ o, campaignCurrency }) => campaignCurrency.trim() !== o.currency.trim() && campaignCurrency.trim() !== o.default_currency.trim());
  if (need.length === 0) return new Map();
  const rows = rowsOf(
    await db.execute<{ ord: number; rate: string | null }>(sql`
      SELECT k.ord, (SELECT r.rate_micros FROM fx_rates r WHERE r.tenant_id = k.tenant_id AND r.currency = k.currency AND r.as_of <= k.at
        ORDER BY r.as_of DESC LIMIT 1) AS rate
      FROM unnest(${sql.param(need.map((_, i) => i))}::int[], ${sql.param(need.map((n) => n.o.tenant_id))}::text[],
                  ${sql.param(need.map((n) => n.campaignCurrency.trim()))}::text[], ${sql.param(need.map((n) => new Date(ms(n.o.occurred_at)).toISOString()))}::timestamptz[])
        AS k(ord, tenant_id, currency, at)`),
  );
  return new Map(rows.map((r) => [need[Number(r.ord)].key, r.rate === null ? null : Number(r.rate)]));
}

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

/**
 * In one round trip: the orders' matched clicks (the time inside each id picks its partition), the
 * campaigns they earn under (the matched click's, else the coupon's), and every click of the orders'
 * shoppers in those campaigns within the longest window: the touches.
 */
async function attributionContext(db: Executor, orders: Order[]) {
  const clickAt = (o: Order) => (o.matched_click_id ? timestampOfId(o.matched_click_id) : null);
  const bounds = clickTimeBounds(orders.map((o) => ({ occurredAt: ms(o.occurred_at), maxWindowDays: o.max_window_days, matchedClickAt: clickAt(o) })));
  const rows = rowsOf(
    await db.execute<ContextRow>(sql`
      WITH o AS (
        SELECT * FROM unnest(${sql.param(orders.map((o) => o.tenant_id))}::text[], ${sql.param(orders.map((o) => (clickAt(o) === null ? null : o.matched_click_id)))}::text[],
                             ${sql.param(orders.map((o) => (clickAt(o) === null ? null : new Date(clickAt(o)!).toISOString())))}::timestamptz[],
                             ${sql.param(orders.map((o) => o.coupon_campaign_id))}::text[], ${sql.param(orders.map((o) => o.visitor_id))}::text[])
          AS o(tenant_id, click_id, click_at, coupon_campaign_id, visitor_id)
      ), mc AS MATERIALIZED (
        SELECT DISTINCT c.id, c.tenant_id, c.campaign_id, c.visitor_id, c.flagged, c.review_status FROM o JOIN clicks c
          ON c.tenant_id = o.tenant_id AND c.id = o.click_id AND c.clicked_at = o.click_at
          AND c.clicked_at BETWEEN ${iso(bounds.matchedFrom)}::timestamptz AND ${iso(bounds.matchedTo)}::timestamptz
      ), camp AS MATERIALIZED (
        SELECT id, currency, attribution_window_days, lock_days, attribution_model, commission_rules, conflict_rules FROM campaigns
        WHERE id IN (SELECT coalesce(mc.campaign_id, o.coupon_campaign_id) FROM o LEFT JOIN mc ON mc.tenant_id = o.tenant_id AND mc.id = o.click_id)
      ), shopper AS (
        SELECT visitor_id FROM o WHERE visitor_id <> '' UNION SELECT visitor_id FROM mc WHERE visitor_id <> ''
      )
      SELECT 'click' AS kind, id, tenant_id, campaign_id, visitor_id, flagged, review_status, NULL::text AS currency, NULL::int AS attribution_window_days, NULL::int AS lock_days,
        NULL::jsonb AS attribution_model, NULL::jsonb AS commission_rules, NULL::jsonb AS conflict_rules, NULL AS touches FROM mc
      UNION ALL
      SELECT 'campaign', id, NULL, NULL, NULL, NULL, NULL, currency, attribution_window_days, lock_days, attribution_model, commission_rules, conflict_rules, NULL FROM camp
      UNION ALL
      -- Epoch ms floored, as the text form read in JS was (fractions of a millisecond cut off).
      SELECT 'touches', NULL, c.tenant_id, c.campaign_id, c.visitor_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
        string_agg(c.affiliate_id || ' ' || c.id || ' ' || floor(extract(epoch FROM c.clicked_at) * 1000)::bigint, ' ')
      FROM clicks c
      WHERE c.tenant_id = ANY(${sql.param([...new Set(orders.map((o) => o.tenant_id))])}::text[])
        AND c.visitor_id = ANY(ARRAY(SELECT visitor_id FROM shopper)) AND c.campaign_id = ANY(ARRAY(SELECT id FROM camp))
        AND c.clicked_at BETWEEN ${iso(bounds.touchesFrom)}::timestamptz AND ${iso(bounds.touchesTo)}::timestamptz
        AND NOT c.is_duplicate AND c.review_status IS DISTINCT FROM 'rejected'
      GROUP BY c.tenant_id, c.campaign_id, c.visitor_id`),
  );
  const clicks = new Map<string, MatchedClick>();
  const campaigns = new Map<string, Campaign>();
  // Touches by shopper, so each order reads its own rather than scanning the batch's.
  const touchesOf = new Map<string, CampaignTouch[]>();
  for (const r of rows) {
    if (r.kind === "click") clicks.set(`${r.tenant_id}|${r.id}`, r);
    else if (r.kind === "campaign") campaigns.set(r.id, r);
    else {
      const key = `${r.tenant_id}|${r.visitor_id}`;
      const list = touchesOf.get(key) ?? [];
      const parts = r.touches!.split(" ");
      for (let i = 0; i + 2 < parts.length; i += 3) list.push({ affiliateId: parts[i], clickId: parts[i + 1], at: Number(parts[i + 2]), campaignId: r.campaign_id });
      touchesOf.set(key, list);
    }
  }
  return { clicks, campaigns, touchesOf };
}

export async function createCommissions(db: Executor, keys: { tenantId: string; orderId: string }[]): Promise<void> {
  if (keys.length === 0) return;
  const batch = await batchOrders(db, keys);
  if (batch.length === 0) return;
  await insertCommissions(db, await commissionsOf(db, batch));
  // Refunds stored before these orders earned anything (a retried batch, a platform's order of deliveries, a
  // click that landed after the order, a re-attribution) reverse the new commissions now, once each; the
  // flag spares the common batch, with no refund, the lookup.
  const refunded = batch.filter((o) => o.refunded).map((o) => ({ tenantId: o.tenant_id, orderId: o.order_id }));
  if (refunded.length > 0) await reverseCommissions(db, await storedRefundsOf(db, refunded));
}

/**
 * What the orders' figures give now, for orders that have commissions already (refigure-commissions.ts,
 * which writes them in place): nothing is written here.
 */
export async function recomputeCommissions(db: Executor, keys: { tenantId: string; orderId: string }[]): Promise<CommissionRow[]> {
  return keys.length === 0 ? [] : commissionsOf(db, await batchOrders(db, keys, true));
}

async function commissionsOf(db: Executor, batch: Order[]): Promise<CommissionRow[]> {
  // Renewals first, from the commissions that existed before this batch.
  const renewals = await renewalCommissions(db, batch.filter((o) => (o.renewal ?? 0) > 0));
  const orders = batch.filter((o) => o.matched_affiliate_id !== null && (o.renewal ?? 0) === 0);
  if (orders.length === 0) return renewals;
  const { clicks, campaigns, touchesOf } = await attributionContext(db, orders);
  const campaignOf = (o: Order) => (o.matched_click_id ? clicks.get(`${o.tenant_id}|${o.matched_click_id}`)?.campaign_id : null) ?? o.coupon_campaign_id;

  // A campaign's rules and model, validated once per batch rather than once per order.
  const parsed = new Map<string, { rules: CommissionRules; model: AttributionModel; conflictRules: ConflictRules } | null>();
  const rulesOf = (c: Campaign) => {
    if (!parsed.has(c.id)) {
      const rules = commissionRulesSchema.safeParse(c.commission_rules);
      const model = attributionModelSchema.safeParse(c.attribution_model);
      parsed.set(c.id, rules.success && model.success ? { rules: rules.data, model: model.data, conflictRules: conflictRulesFrom(c.conflict_rules) } : null);
    }
    return parsed.get(c.id)!;
  };
  const validOf = (o: Order) => {
    const campaignId = campaignOf(o);
    const campaign = campaignId ? campaigns.get(campaignId) : undefined;
    const valid = campaign ? rulesOf(campaign) : null;
    return campaign && valid ? { campaign, ...valid } : null;
  };
  // The shopper's clicks and the coupon of each order, then what its campaign's conflict rules ask about them.
  const keyOf = (o: Order) => `${o.tenant_id}|${o.id}`;
  const prepared = orders.flatMap((o) => {
    const valid = validOf(o);
    if (!valid) return [];
    const matched = o.matched_click_id ? clicks.get(`${o.tenant_id}|${o.matched_click_id}`) : undefined;
    const shopper = [...new Set([o.visitor_id, matched?.visitor_id].filter((v): v is string => !!v))];
    // A coupon-only order has no clicks: its coupon is its one touch (the conflict rules add it).
    const touches: Touch[] =
      o.identity_source === "coupon"
        ? []
        : shopper
            .flatMap((v) => touchesOf.get(`${o.tenant_id}|${v}`) ?? [])
            // Passed on as they are: the rules read a touch's affiliate, time and click id, never its campaign.
            .filter((t) => t.campaignId === valid.campaign.id);
    // The matched click itself always counts, even when its shopper's other clicks are unknown.
    const matchedAt = matched ? timestampOfId(matched.id)! : null;
    if (matched && !touches.some((t) => t.clickId === matched.id)) touches.push({ affiliateId: o.matched_affiliate_id, at: matchedAt!, clickId: matched.id });
    const coupon = o.coupon && o.coupon_affiliate_id && o.coupon_of_campaign_id === valid.campaign.id ? { code: o.coupon, affiliateId: o.coupon_affiliate_id } : null;
    return [{ o, valid, matched, shopper, touches, coupon, at: orderMoment(ms(o.occurred_at), namesItsClick(o.identity_source) ? matchedAt : null) }];
  });
  const conflicts = await conflictFacts(
    db,
    prepared.map(({ o, valid, shopper, touches, coupon, at }) => ({
      key: keyOf(o), tenantId: o.tenant_id, rules: valid.conflictRules, matchedAffiliateId: o.matched_affiliate_id, fraudReasons: o.fraud_reasons ?? [],
      emailHash: o.email_hash, touches, coupon, visitorIds: shopper, from: at.ms - valid.campaign.attribution_window_days * 86_400_000, to: at.ms,
    })),
  );
  const facts = await orderFacts(db, prepared.map((p) => p.o).filter((o) => {
    const rules = validOf(o)?.rules;
    return !!rules && (rules.firstOrder !== undefined || rules.newCustomersOnly || rules.tiers.length > 0 || rules.bonuses.length > 0 || Object.keys(rules.groups).length > 0);
  }), (o) => validOf(o)!.campaign.currency);
  const rates = await campaignRates(db, prepared.map(({ o, valid }) => ({ key: keyOf(o), o, campaignCurrency: valid.campaign.currency })));
  const rows = prepared.flatMap(({ o, valid, matched, touches, at }) => {
    const { campaign } = valid;
    const amount = Number(o.amount);
    // Facts the campaign's rules do not use are not looked up, and cannot change the commission.
    const f = facts.get(keyOf(o));
    const fx = fxFactsOf(o, campaign.currency, rates.get(keyOf(o)) ?? null);
    const month = f ? monthRevenue(f, fx, o.default_currency) : { revenue: 0, notes: [] };
    const computed = computeCommission(valid.rules, {
      amount,
      items: o.items ?? [],
      isFirstOrder: f?.first_order ?? false,
      affiliateGroup: f?.affiliate_group ?? null,
      affiliateMonthRevenue: month.revenue,
      fx,
    });
    const commission = { ...computed, explanation: [...computed.explanation, ...month.notes, ...at.notes] };
    // The model splits the commission without its bonus; the bonus goes to the matched affiliate alone, whose
    // monthly revenue passed the threshold (a share of its own if the model gave it none of this order).
    const split = attribute({
      touches, conversionAt: at.ms, windowDays: campaign.attribution_window_days, model: valid.model, commission: commission.amount - commission.bonus.amount,
      conflictRules: valid.conflictRules, conflicts: conflicts.get(keyOf(o)),
    });
    const shares = assignBonus(
      split.map((s) => ({ ...s, explanation: [s.explanation, ...s.decisions, ...commission.explanation] })),
      commission.bonus,
      o.matched_affiliate_id,
      (bonus, explanation) => ({ affiliateId: o.matched_affiliate_id, shareBp: 0, amount: bonus, heldForReview: false, decisions: [],
        explanation: ["no share of this order's credit; the bonus of the affiliate whose monthly revenue passed the threshold", ...explanation] }),
    );
    // An order or click the merchant already approved in review holds nothing again (re-attribution).
    const reviewed = approvedInReview(o.review_status, matched?.review_status ?? null);
    const held = orderHeld(o.flagged, o.fraud_reasons ?? [], valid.conflictRules) || !!matched?.flagged;
    // From the moment the order is attributed at: a shop clock hours behind must not shorten the lock.
    const lockUntil = new Date(at.ms + campaign.lock_days * 86_400_000).toISOString();
    return shares.map((s): CommissionRow => ({
      id: newId("commission"),
      tenant_id: o.tenant_id,
      conversion_id: o.id,
      order_id: o.order_id,
      affiliate_id: s.affiliateId,
      campaign_id: campaign.id,
      currency: o.currency,
      amount: s.amount,
      share_bp: s.shareBp,
      held_for_review: !reviewed && (held || s.heldForReview),
      rules_version: commission.rulesVersion,
      explanation: s.explanation,
      lock_until: lockUntil,
    }));
  });
  return [...renewals, ...rows];
}

/**
 * A commission to insert, named as its columns are, the lock as ISO text (`positional` lays it out for the
 * insert).
 */
export type CommissionRow = {
  id: string; tenant_id: string; conversion_id: string; order_id: string; affiliate_id: string; campaign_id: string; currency: string;
  amount: number; share_bp: number; held_for_review: boolean; rules_version: number; explanation: string[]; lock_until: string;
};

type Inserted = { id: string; tenant_id: string; order_id: string; conversion_id: string; affiliate_id: string; campaign_id: string; currency: string; amount: string; held_for_review: boolean };

/** A commission as the insert's JSON takes it: its fields by position, in the insert's column order. */
const positional = (r: CommissionRow) => [
  r.id, r.tenant_id, r.conversion_id, r.order_id, r.affiliate_id, r.campaign_id, r.currency, r.amount, r.share_bp, r.held_for_review, r.rules_version, r.explanation, r.lock_until,
];

/**
 * One insert for the batch, its rows as a single JSON parameter (see store-clicks.ts for why), each row an
 * array rather than an object: the column names repeated in every row were a third of the text that
 * JSON.stringify wrote and Postgres parsed, and reading the rows back cost twice as much with them
 * (measured over a batch's 1,000 commissions: 7.7 ms against 12.9 ms, serializing to counting). Only the
 * rows of tenants with a webhook endpoint come back to be announced: for the others there is nothing to fan
 * out, and sending every row back (and building its event) cost more than the insert's own indexes. A
 * disabled endpoint counts: its events wait for it (db/queries/webhook-outbox.ts).
 */
export async function insertCommissions(db: Executor, computed: CommissionRow[]): Promise<void> {
  if (computed.length === 0) return;
  const inserted = await db.execute<Inserted>(sql`
    WITH inserted AS (
      INSERT INTO commissions (id, tenant_id, conversion_id, order_id, affiliate_id, campaign_id, currency, amount, share_bp, held_for_review, rules_version, explanation, lock_until)
      SELECT r->>0, r->>1, r->>2, r->>3, r->>4, r->>5, r->>6, (r->>7)::bigint, (r->>8)::int, (r->>9)::boolean, (r->>10)::int, r->11, (r->>12)::timestamptz
      FROM jsonb_array_elements(${JSON.stringify(computed.map(positional))}::jsonb) AS r
      ON CONFLICT DO NOTHING
      RETURNING id, tenant_id, order_id, conversion_id, affiliate_id, campaign_id, currency, amount, held_for_review)
    SELECT i.* FROM inserted i
    WHERE EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.tenant_id = i.tenant_id)`);
  await emitWebhookEvents(
    db,
    rowsOf(inserted).map((r) =>
      commissionCreated({
        id: r.id, tenantId: r.tenant_id, orderId: r.order_id, conversionId: r.conversion_id, affiliateId: r.affiliate_id, campaignId: r.campaign_id,
        currency: r.currency, amount: Number(r.amount), reversedAmount: 0, status: "pending", heldForReview: r.held_for_review,
      }),
    ),
  );
}

type Renewal = { id: string; tenant_id: string; order_id: string; amount: string; currency: string; renewal: number; flagged: boolean; review_status: string | null; occurred_at: string | Date;
  affiliate_id: string; campaign_id: string; share_bp: number; commission_rules: unknown; lock_days: number;
  fx_rate_micros: string | null; default_currency: string; campaign_currency: string };

/**
 * Subscription renewals earn for the affiliates of the subscription's first payment, in the same shares,
 * for as many months as the campaign's `recurringMonths` (core/commission/compute.ts): no click is needed.
 */
async function renewalCommissions(db: Executor, orders: Order[]): Promise<CommissionRow[]> {
  if (orders.length === 0) return [];
  const rows = rowsOf(
    await db.execute<Renewal>(sql`
      SELECT cv.id, cv.tenant_id, cv.order_id, cv.amount, cv.currency, cv.renewal, cv.flagged, cv.review_status, cv.occurred_at,
        cm.affiliate_id, cm.campaign_id, cm.share_bp, ca.commission_rules, ca.lock_days,
        cv.fx_rate_micros, t.default_currency, ca.currency AS campaign_currency
      FROM unnest(${sql.param(orders.map((o) => o.tenant_id))}::text[], ${sql.param(orders.map((o) => o.id))}::text[]) AS k(tenant_id, id)
      JOIN conversions cv ON cv.tenant_id = k.tenant_id AND cv.id = k.id
      JOIN LATERAL (SELECT f.id FROM conversions f WHERE f.tenant_id = cv.tenant_id AND f.subscription_id = cv.subscription_id
        AND coalesce(f.renewal, 0) = 0 ORDER BY f.occurred_at LIMIT 1) first ON true
      JOIN commissions cm ON cm.tenant_id = cv.tenant_id AND cm.conversion_id = first.id AND cm.status NOT IN ('rejected')
      JOIN campaigns ca ON ca.id = cm.campaign_id
      JOIN tenants t ON t.id = cv.tenant_id
      WHERE cv.renewal > 0 AND cv.status <> 'cancelled'`),
  );
  const byOrder = new Map<string, Renewal[]>();
  for (const r of rows) byOrder.set(r.id, [...(byOrder.get(r.id) ?? []), r]);
  // A renewal's fixed amounts are in its campaign's currency too, converted as a first payment's are.
  const rates = await campaignRates(db, [...byOrder.values()].map(([o]) => ({ key: o.id, o, campaignCurrency: o.campaign_currency })));
  const inserts = [...byOrder.values()].flatMap((shares) => {
    const o = shares[0];
    const rules = commissionRulesSchema.safeParse(o.commission_rules);
    if (!rules.success) return [];
    const fx = fxFactsOf(o, o.campaign_currency, rates.get(o.id) ?? null);
    const commission = computeCommission(rules.data, { amount: Number(o.amount), items: [], isFirstOrder: false, renewalMonth: o.renewal, affiliateMonthRevenue: 0, fx });
    const parts = splitByWeights(commission.amount, shares.map((s) => s.share_bp));
    const lockUntil = new Date(ms(o.occurred_at) + o.lock_days * 86_400_000).toISOString();
    return shares.map((s, i): CommissionRow => ({
      id: newId("commission"),
      tenant_id: o.tenant_id,
      conversion_id: o.id,
      order_id: o.order_id,
      affiliate_id: s.affiliate_id,
      campaign_id: s.campaign_id,
      currency: o.currency,
      amount: parts[i],
      share_bp: s.share_bp,
      held_for_review: o.flagged && !approvedInReview(o.review_status, null),
      rules_version: commission.rulesVersion,
      explanation: [`renewal ${o.renewal} of a subscription first referred by this affiliate (${(s.share_bp / 100).toFixed(2)}% of the credit)`, ...commission.explanation, ...commission.bonus.explanation],
      lock_until: lockUntil,
    }));
  });
  return inserts;
}
