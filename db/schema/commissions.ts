import { bigint, boolean, char, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * What an affiliate earned on an order: one row per (order, affiliate), made when the order is stored,
 * idempotently. `amount` never changes; refunds add to `reversed_amount` proportionally.
 */
export const commissions = pgTable(
  "commissions",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    conversionId: text("conversion_id").notNull(),
    orderId: text("order_id").notNull(),
    affiliateId: text("affiliate_id").notNull(),
    campaignId: text("campaign_id").notNull(),
    currency: char("currency", { length: 3 }).notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
    reversedAmount: bigint("reversed_amount", { mode: "number" }).notNull().default(0),
    /** This affiliate's share of the order's credit, basis points. */
    shareBp: integer("share_bp").notNull(),
    /** pending | approved | rejected | reversed | paid */
    status: text("status").notNull().default("pending"),
    /** Flagged for fraud (the order or its click): waits for the review queue before it can be approved. */
    heldForReview: boolean("held_for_review").notNull().default(false),
    rulesVersion: integer("rules_version").notNull(),
    explanation: jsonb("explanation").$type<string[]>().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("commissions_order_affiliate_key").on(t.tenantId, t.conversionId, t.affiliateId),
    index("commissions_tenant_affiliate_idx").on(t.tenantId, t.affiliateId, t.createdAt),
    index("commissions_tenant_order_idx").on(t.tenantId, t.orderId),
  ],
);

/** Refunds already applied to commissions, so a redelivered refund never reverses twice. */
export const commissionReversals = pgTable(
  "commission_reversals",
  {
    commissionId: text("commission_id").notNull(),
    refundId: text("refund_id").notNull(),
    tenantId: text("tenant_id").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("commission_reversals_key").on(t.commissionId, t.refundId), index("commission_reversals_tenant_idx").on(t.tenantId)],
);
