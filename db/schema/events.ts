import { sql } from "drizzle-orm";
import { boolean, char, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { idText } from "./id-text";

/**
 * Clicks are append-only facts, range-partitioned by month on `clicked_at` (the partitioning DDL lives in
 * the migration: drizzle-kit does not model partitions). The primary key must contain the partition
 * key; `clicked_at` is derived from the time inside the click id, so `(id, clicked_at)` is unique exactly
 * when `id` is, and a redelivered click always lands on the same row.
 *
 * No foreign keys: events may arrive after the entity they name changed, and FK checks on the hottest
 * insert path cost throughput. Producers only emit ids they resolved from Postgres.
 */
export const clicks = pgTable(
  "clicks",
  {
    id: idText("id").notNull(),
    clickedAt: timestamp("clicked_at", { withTimezone: true, mode: "date" }).notNull(),
    tenantId: text("tenant_id").notNull(),
    linkId: idText("link_id").notNull(),
    campaignId: idText("campaign_id").notNull(),
    affiliateId: idText("affiliate_id").notNull(),
    visitorId: idText("visitor_id").notNull(),
    subIds: jsonb("sub_ids").$type<Record<string, string>>().notNull().default({}),
    ipHash: idText("ip_hash"),
    country: char("country", { length: 2 }),
    userAgent: text("user_agent"),
    referrerHost: text("referrer_host"),
    adClickIds: jsonb("ad_click_ids").$type<Record<string, string>>().notNull().default({}),
    /** A repeat click on the same link by the same visitor inside the campaign's dedup window. */
    isDuplicate: boolean("is_duplicate").notNull().default(false),
    /** Fraud assessment at the edge (core/fraud.ts): flagged clicks are held back from commission. */
    fraudScore: smallint("fraud_score").notNull().default(0),
    fraudReasons: text("fraud_reasons").array().notNull().default([]),
    flagged: boolean("flagged").notNull().default(false),
    /** null while waiting, then approved | rejected by the merchant in the review queue. */
    reviewStatus: text("review_status"),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.clickedAt] }),
    // Reports and the affiliate portal read a tenant's clicks by time, optionally per affiliate.
    index("clicks_tenant_time_idx").on(t.tenantId, t.clickedAt),
    index("clicks_tenant_affiliate_time_idx").on(t.tenantId, t.affiliateId, t.clickedAt),
    // Attribution gathers a visitor's touches; every column it reads is in the index (an index-only scan,
    // no heap page per click). Identity lookups read a visitor's latest click from it too.
    index("clicks_tenant_visitor_idx").on(t.tenantId, t.visitorId, t.clickedAt, t.campaignId, t.affiliateId, t.id, t.isDuplicate, t.reviewStatus),
    // The review queue: flagged clicks still waiting for a decision.
    index("clicks_review_queue_idx").on(t.tenantId, t.clickedAt).where(sql`${t.flagged} AND ${t.reviewStatus} IS NULL`),
  ],
);

/** Anything the pipeline could not process, kept whole with its reason so it can be replayed. */
export const failedEvents = pgTable(
  "failed_events",
  {
    id: idText("id").primaryKey(),
    tenantId: text("tenant_id"),
    /** Which consumer gave up: `queue:indica-events`, `queue:indica-events-dlq`, later webhooks. */
    source: text("source").notNull(),
    eventType: text("event_type"),
    /** Id of the event inside the payload, when it has one, so replays and duplicates can be traced. */
    eventId: idText("event_id"),
    payload: jsonb("payload").notNull(),
    reason: text("reason").notNull(),
    attempts: integer("attempts").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    replayedAt: timestamp("replayed_at", { withTimezone: true }),
    replayCount: integer("replay_count").notNull().default(0),
  },
  (t) => [
    index("failed_events_pending_idx").on(t.createdAt).where(sql`${t.replayedAt} IS NULL`),
    index("failed_events_tenant_idx").on(t.tenantId, t.createdAt),
  ],
);


/**
 * Anomalies found by the scheduled check: one row per (tenant, kind, affiliate, window), so re-running the
 * check never raises the same alert twice. Delivery to the merchant's webhook is retried on later runs.
 */
export const alerts = pgTable(
  "alerts",
  {
    id: idText("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    /** affiliate_click_spike | affiliate_conversion_rate_spike */
    kind: text("kind").notNull(),
    affiliateId: idText("affiliate_id").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    observed: integer("observed").notNull(),
    baseline: integer("baseline").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    deliveryAttempts: integer("delivery_attempts").notNull().default(0),
    lastError: text("last_error"),
  },
  (t) => [
    uniqueIndex("alerts_window_key").on(t.tenantId, t.kind, t.affiliateId, t.windowStart),
    index("alerts_undelivered_idx").on(t.createdAt).where(sql`${t.deliveredAt} IS NULL`),
  ],
);
