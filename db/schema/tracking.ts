import { sql } from "drizzle-orm";
import { bigint, boolean, char, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { idText } from "./id-text";

/**
 * Browser events from the tracking script, range-partitioned by month on `occurred_at` (the time inside
 * the browser-made event id, so a retried event lands on the same row). No raw IP, no raw email; without
 * consent, no visitor id, IP hash or identity either.
 */
export const events = pgTable(
  "events",
  {
    id: idText("id").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    tenantId: text("tenant_id").notNull(),
    type: text("type").notNull(),
    name: text("name"),
    /** Page URL with the query reduced to campaign parameters (utm_*, click ids): queries can carry PII. */
    url: text("url").notNull(),
    referrerHost: text("referrer_host"),
    visitorId: idText("visitor_id"),
    clickId: idText("click_id"),
    /** cookie | local_storage | url */
    clickIdSource: text("click_id_source"),
    props: jsonb("props").$type<Record<string, unknown>>().notNull().default({}),
    emailHash: idText("email_hash"),
    customerIdHash: idText("customer_id_hash"),
    orderId: idText("order_id"),
    consent: text("consent").notNull(),
    country: char("country", { length: 2 }),
    deviceType: text("device_type"),
    browser: text("browser"),
    os: text("os"),
    isBot: boolean("is_bot").notNull().default(false),
    ipHash: idText("ip_hash"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.occurredAt] }),
    index("events_tenant_time_idx").on(t.tenantId, t.occurredAt),
    index("events_tenant_visitor_idx").on(t.tenantId, t.visitorId, t.occurredAt),
  ],
);

/**
 * Orders reported by the script or by the merchant's server. Hash-partitioned by tenant (see the
 * migration) so that `(tenant_id, order_id)` can be unique: the order id is what makes a conversion
 * idempotent, however many times and through however many channels it is reported.
 */
export const conversions = pgTable(
  "conversions",
  {
    id: idText("id").notNull(),
    tenantId: text("tenant_id").notNull(),
    orderId: idText("order_id").notNull(),
    eventId: idText("event_id").notNull(),
    /** browser | s2s */
    source: text("source").notNull(),
    /** placed | paid | fulfilled | cancelled */
    status: text("status").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
    currency: char("currency", { length: 3 }).notNull(),
    items: jsonb("items").$type<unknown[]>().notNull().default([]),
    coupon: text("coupon"),
    /** The click id reported with the order, and where it came from (cookie, local_storage, url, s2s). */
    clickId: idText("click_id"),
    clickIdSource: text("click_id_source"),
    visitorId: idText("visitor_id"),
    emailHash: idText("email_hash"),
    customerIdHash: idText("customer_id_hash"),
    /** Result of the identity fallback chain (docs/tracking.md): which step found the shopper. */
    identitySource: text("identity_source"),
    matchedClickId: idText("matched_click_id"),
    /**
     * The matched click's time, read from its id (migration 0024): the clicks partition key, so looking the
     * click up probes one month's partition instead of every month the retention keeps (25 by default).
     */
    matchedClickAt: timestamp("matched_click_at", { withTimezone: true }).generatedAlwaysAs(sql`indica_id_time(matched_click_id)`),
    matchedAffiliateId: idText("matched_affiliate_id"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    fraudScore: smallint("fraud_score").notNull().default(0),
    fraudReasons: text("fraud_reasons").array().notNull().default([]),
    flagged: boolean("flagged").notNull().default(false),
    reviewStatus: text("review_status"),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    /** Subscription payments: renewals earn for the affiliate of the first payment (core/commission/rules.ts). */
    subscriptionId: idText("subscription_id"),
    renewal: integer("renewal"),
    /** The order's currency → the merchant's default currency, in millionths, as known when it arrived. */
    fxRateMicros: bigint("fx_rate_micros", { mode: "number" }),
    /** The amount in the merchant's default currency at that rate (null when no rate was known). */
    defaultCurrencyAmount: bigint("default_currency_amount", { mode: "number" }),
    country: char("country", { length: 2 }),
    deviceType: text("device_type"),
    isBot: boolean("is_bot").notNull().default(false),
    ipHash: idText("ip_hash"),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("conversions_tenant_order_key").on(t.tenantId, t.orderId),
    index("conversions_tenant_time_idx").on(t.tenantId, t.occurredAt),
    index("conversions_subscription_idx").on(t.tenantId, t.subscriptionId),
    // An affiliate's revenue this month (commission tiers and bonuses), and its orders in reports.
    index("conversions_tenant_affiliate_time_idx").on(t.tenantId, t.matchedAffiliateId, t.occurredAt),
    // First-order rules: has this customer (hashed email) ordered before this order?
    index("conversions_tenant_email_time_idx").on(t.tenantId, t.emailHash, t.occurredAt),
    // Orders by the click they name: a click stored after its order moves the order's report key (the
    // rollup triggers) and gives it its affiliate and commission (attribute-late-clicks.ts).
    index("conversions_tenant_matched_click_idx").on(t.tenantId, t.matchedClickId).where(sql`${t.matchedClickId} IS NOT NULL`),
  ],
);

export const refunds = pgTable(
  "refunds",
  {
    id: idText("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    orderId: idText("order_id").notNull(),
    /** The merchant's refund id, or one derived from the request, so a resent refund counts once. */
    refundKey: idText("refund_key").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
    currency: char("currency", { length: 3 }).notNull(),
    reason: text("reason"),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("refunds_tenant_key").on(t.tenantId, t.refundKey), index("refunds_tenant_order_idx").on(t.tenantId, t.orderId)],
);

/** Hashed identities seen with a visitor (identify events, consented conversions): cross-device stitching. */
export const identities = pgTable(
  "identities",
  {
    tenantId: text("tenant_id").notNull(),
    /** email | customer */
    kind: text("kind").notNull(),
    valueHash: idText("value_hash").notNull(),
    visitorId: idText("visitor_id").notNull(),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.kind, t.valueHash, t.visitorId] }), index("identities_visitor_idx").on(t.tenantId, t.visitorId)],
);

/** Coupon codes given to affiliates: an order using one is theirs even without a click. */
export const coupons = pgTable(
  "coupons",
  {
    id: idText("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    code: text("code").notNull(),
    affiliateId: idText("affiliate_id").notNull(),
    campaignId: idText("campaign_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * Set when the merchant retires the code: new orders with it no longer match, but the row stays, because
     * past coupon orders find their campaign (reports, re-attribution) by joining coupons on the code.
     */
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
  },
  // Shoppers type codes in any case.
  (t) => [uniqueIndex("coupons_tenant_code_key").on(t.tenantId, sql`upper(${t.code})`)],
);

/**
 * Exchange rates a merchant keeps (through the API): one unit of `currency` in the merchant's default
 * currency, in millionths (5.123456 → 5123456), valid from `as_of`. Orders keep the rate of their time.
 */
export const fxRates = pgTable(
  "fx_rates",
  {
    tenantId: text("tenant_id").notNull(),
    currency: char("currency", { length: 3 }).notNull(),
    rateMicros: bigint("rate_micros", { mode: "number" }).notNull(),
    asOf: timestamp("as_of", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.currency, t.asOf] })],
);
