import { bigint, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";
import { idText } from "./id-text";

/**
 * How an affiliate is paid: a PIX key, a PayPal email, a Stripe Connect account or bank details. The
 * details are sealed with SECRETS_KEY (core/secret-box.ts); only a masked hint is kept in the clear.
 */
export const payoutMethods = pgTable(
  "payout_methods",
  {
    id: idText("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    affiliateId: idText("affiliate_id").notNull(),
    /** pix | paypal | stripe_connect | bank */
    kind: text("kind").notNull(),
    sealedDetails: text("sealed_details").notNull(),
    /** e.g. `pix email m***@example.com`: enough to recognise the method, not to use it. */
    hint: text("hint").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // One method of each kind per affiliate; setting it again replaces it.
  // GET /v1/payout-methods pages a tenant's methods by id: (tenant_id, id) reads a page in order, not the whole primary key.
  (t) => [uniqueIndex("payout_methods_affiliate_kind_key").on(t.tenantId, t.affiliateId, t.kind), index("payout_methods_tenant_id_idx").on(t.tenantId, t.id)],
);

/** One payout run in one currency through one provider: draft → processing → paid | failed (per item). */
export const payoutBatches = pgTable(
  "payout_batches",
  {
    id: idText("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    currency: idText("currency").notNull(),
    /** csv | csv_pix | pix | stripe_connect | paypal */
    provider: text("provider").notNull(),
    /** draft | processing | paid | partially_paid | failed | cancelled */
    status: text("status").notNull().default("draft"),
    minimumAmount: bigint("minimum_amount", { mode: "number" }).notNull(),
    totalAmount: bigint("total_amount", { mode: "number" }).notNull(),
    itemCount: integer("item_count").notNull(),
    createdBy: text("created_by").notNull(),
    approvedBy: text("approved_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [index("payout_batches_tenant_idx").on(t.tenantId, t.createdAt)],
);

/**
 * What one affiliate gets in a batch. `idempotency_key` is sent to the provider on every attempt, so a
 * retry after a lost answer never pays twice; an affiliate is in at most one open batch per currency.
 */
export const payoutItems = pgTable(
  "payout_items",
  {
    id: idText("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    batchId: idText("batch_id").notNull().references(() => payoutBatches.id, { onDelete: "cascade" }),
    affiliateId: idText("affiliate_id").notNull(),
    currency: idText("currency").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
    /** pending | processing | paid | failed | cancelled (its batch was cancelled before it was paid) */
    status: text("status").notNull().default("pending"),
    idempotencyKey: idText("idempotency_key").notNull(),
    /** The provider's id of the payment (PIX end-to-end id, tr_..., payout_item_id). */
    providerReference: text("provider_reference"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("payout_items_batch_affiliate_key").on(t.batchId, t.affiliateId),
    uniqueIndex("payout_items_idempotency_key").on(t.tenantId, t.idempotencyKey),
    index("payout_items_provider_ref_idx").on(t.providerReference),
    index("payout_items_tenant_affiliate_idx").on(t.tenantId, t.affiliateId),
  ],
);

/**
 * Which commissions (their ledger credits) a payout item covers, recorded when the batch is created: every
 * credit of the affiliate in the item's currency past its lock period and not covered by an item of another
 * (not cancelled) batch. Paying the item marks exactly these commissions paid, never one approved after the
 * batch was made. Debits netted into the item's amount (reversals, clawbacks) lower what is paid, not what
 * is covered: a covered commission is paid in full once its item is (docs/payouts.md).
 */
export const payoutItemCommissions = pgTable(
  "payout_item_commissions",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    itemId: idText("item_id").notNull().references(() => payoutItems.id, { onDelete: "cascade" }),
    commissionId: idText("commission_id").notNull(),
    /** The ledger credit (`commission:<id>`) the item counted, and its amount. */
    ledgerEntryId: idText("ledger_entry_id").notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.commissionId] }), index("payout_item_commissions_commission_idx").on(t.tenantId, t.commissionId)],
);

/**
 * Every provider webhook event received (Stripe event id, PayPal event id, Efí end-to-end id + status):
 * a second delivery of the same event is a replay, refused and counted, never applied again.
 */
export const payoutProviderEvents = pgTable(
  "payout_provider_events",
  {
    provider: text("provider").notNull(),
    eventId: idText("event_id").notNull(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    itemId: idText("item_id").notNull(),
    /** applied | unchanged (the item already had that outcome) */
    outcome: text("outcome").notNull(),
    replays: integer("replays").notNull().default(0),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.eventId] }), index("payout_provider_events_tenant_idx").on(t.tenantId, t.receivedAt)],
);
