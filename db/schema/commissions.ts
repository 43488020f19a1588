import { bigint, boolean, char, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { idText } from "./id-text";

/**
 * What an affiliate earned on an order: one row per (order, affiliate), made when the order is stored,
 * idempotently. Refunds add to `reversed_amount` proportionally. `amount` changes only while pending, in place,
 * when the order's figures change (workers/ingest/src/services/refigure-commissions.ts); rows are not deleted.
 */
export const commissions = pgTable(
  "commissions",
  {
    id: idText("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    conversionId: idText("conversion_id").notNull(),
    orderId: idText("order_id").notNull(),
    affiliateId: idText("affiliate_id").notNull(),
    campaignId: idText("campaign_id").notNull(),
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
    /** Approved automatically from then on unless decided before (the campaign's lock period). */
    lockUntil: timestamp("lock_until", { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("commissions_order_affiliate_key").on(t.tenantId, t.conversionId, t.affiliateId),
    index("commissions_tenant_affiliate_idx").on(t.tenantId, t.affiliateId, t.createdAt),
    index("commissions_tenant_order_idx").on(t.tenantId, t.orderId),
    // Re-attribution pages a tenant's pending commissions by conversion id (workers/ingest/src/routes/reattribute.ts).
    index("commissions_tenant_status_conversion_idx").on(t.tenantId, t.status, t.conversionId),
  ],
);

/** Refunds already applied to commissions, so a redelivered refund never reverses twice. */
export const commissionReversals = pgTable(
  "commission_reversals",
  {
    commissionId: idText("commission_id").notNull(),
    refundId: idText("refund_id").notNull(),
    tenantId: text("tenant_id").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("commission_reversals_key").on(t.commissionId, t.refundId), index("commission_reversals_tenant_idx").on(t.tenantId)],
);

/**
 * The affiliate's money, per currency: the single source of balances. Approving a commission credits it;
 * a refund after approval debits it (`reversal`), after payout too (`clawback`, carried into the next
 * payout); payouts debit what they pay. Idempotent by `entry_key`.
 */
export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: idText("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    affiliateId: idText("affiliate_id").notNull(),
    currency: char("currency", { length: 3 }).notNull(),
    /** Signed minor units: credits positive, debits negative. */
    amount: bigint("amount", { mode: "number" }).notNull(),
    /** commission | reversal | clawback | payout */
    kind: text("kind").notNull(),
    commissionId: idText("commission_id"),
    /** What makes the entry unique: `commission:<id>`, `refund:<commission>:<refund id>`, `payout:<id>`. */
    entryKey: idText("entry_key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("ledger_entries_key").on(t.tenantId, t.entryKey), index("ledger_entries_balance_idx").on(t.tenantId, t.affiliateId, t.currency)],
);

/** Who decided what about a commission, and why: the audit trail. */
export const commissionDecisions = pgTable(
  "commission_decisions",
  {
    id: idText("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    commissionId: idText("commission_id").notNull(),
    /** approved | rejected | auto_approved | refigured (actor `system`, reason `order refigured`: workers/ingest/src/services/refigure-announce.ts) */
    action: text("action").notNull(),
    /** The API key (or, later, the user) that decided; `system` for automatic approval. */
    actor: text("actor").notNull(),
    reason: text("reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("commission_decisions_commission_idx").on(t.tenantId, t.commissionId)],
);
