/**
 * The commission lifecycle, shared by the API (merchant decisions) and the scheduled job (automatic
 * approval): pending → approved → paid; pending → rejected; reversed by refunds. Every decision writes an
 * audit row, and every change of money a ledger entry, both idempotent; every decision is announced to the
 * merchant's webhooks in the same transaction (db/queries/webhook-outbox.ts).
 */
import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { newId } from "../../core/ids";
import type { Executor } from "../client";
import { commissionDecisions, commissions, ledgerEntries } from "../schema";
import { commissionApproved, commissionRejected } from "./webhook-event-data";
import { emitWebhookEvents } from "./webhook-outbox";

export interface Decision {
  tenantId: string;
  ids: string[];
  actor: string;
  reason?: string | null;
}

export interface DecisionResult {
  decided: string[];
  /** Ids that could not take this decision (not pending, held for fraud review, or not the tenant's). */
  skipped: string[];
}

type CommissionRow = typeof commissions.$inferSelect;

async function credit(db: Executor, rows: CommissionRow[]): Promise<void> {
  const entries = rows
    .filter((c) => c.amount - c.reversedAmount > 0)
    .map((c) => ({ id: newId("ledgerEntry"), tenantId: c.tenantId, affiliateId: c.affiliateId, currency: c.currency, amount: c.amount - c.reversedAmount, kind: "commission", commissionId: c.id, entryKey: `commission:${c.id}` }));
  if (entries.length > 0) await db.insert(ledgerEntries).values(entries).onConflictDoNothing();
}

async function audit(db: Executor, rows: CommissionRow[], action: string, actor: string, reason: string | null): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(commissionDecisions).values(rows.map((c) => ({ id: newId("decision"), tenantId: c.tenantId, commissionId: c.id, action, actor, reason })));
}

export async function approveCommissions(db: Executor, d: Decision): Promise<DecisionResult> {
  const rows = await db
    .update(commissions)
    .set({ status: "approved", decidedAt: sql`now()` })
    .where(and(eq(commissions.tenantId, d.tenantId), inArray(commissions.id, d.ids), eq(commissions.status, "pending"), eq(commissions.heldForReview, false)))
    .returning();
  await credit(db, rows);
  await audit(db, rows, "approved", d.actor, d.reason ?? null);
  await emitWebhookEvents(db, rows.map(commissionApproved));
  return { decided: rows.map((r) => r.id), skipped: d.ids.filter((id) => !rows.some((r) => r.id === id)) };
}

export async function rejectCommissions(db: Executor, d: Decision): Promise<DecisionResult> {
  const rows = await db
    .update(commissions)
    .set({ status: "rejected", decidedAt: sql`now()` })
    .where(and(eq(commissions.tenantId, d.tenantId), inArray(commissions.id, d.ids), eq(commissions.status, "pending")))
    .returning();
  await audit(db, rows, "rejected", d.actor, d.reason ?? null);
  await emitWebhookEvents(db, rows.map((c) => commissionRejected(c, d.reason ?? null)));
  return { decided: rows.map((r) => r.id), skipped: d.ids.filter((id) => !rows.some((r) => r.id === id)) };
}

/** Approves pending commissions past their lock period that are not held for review; returns how many. */
export async function approveLockedCommissions(db: Executor, now = new Date()): Promise<number> {
  const rows = await db
    .update(commissions)
    .set({ status: "approved", decidedAt: sql`now()` })
    .where(and(eq(commissions.status, "pending"), eq(commissions.heldForReview, false), lte(commissions.lockUntil, now)))
    .returning();
  await credit(db, rows);
  await audit(db, rows, "auto_approved", "system", "lock period over");
  await emitWebhookEvents(db, rows.map(commissionApproved));
  return rows.length;
}

/** The ledger side of a refund: nothing while pending; a reversal once approved; a clawback once paid. */
export async function debitReversal(db: Executor, c: CommissionRow, amount: number, refundKey: string): Promise<void> {
  if (amount <= 0 || (c.status !== "approved" && c.status !== "paid")) return;
  await db
    .insert(ledgerEntries)
    .values({
      id: newId("ledgerEntry"),
      tenantId: c.tenantId,
      affiliateId: c.affiliateId,
      currency: c.currency,
      amount: -amount,
      kind: c.status === "paid" ? "clawback" : "reversal",
      commissionId: c.id,
      entryKey: `refund:${c.id}:${refundKey}`,
    })
    .onConflictDoNothing();
}

/** The fraud review decided on an order or click: its commissions are released, or rejected with it. */
export async function settleReviewedCommissions(db: Executor, tenantId: string, conversionIds: string[], approved: boolean, actor: string): Promise<void> {
  if (conversionIds.length === 0) return;
  const where = and(eq(commissions.tenantId, tenantId), inArray(commissions.conversionId, conversionIds), eq(commissions.status, "pending"));
  if (approved) {
    await db.update(commissions).set({ heldForReview: false }).where(where);
    return;
  }
  const ids = (await db.select({ id: commissions.id }).from(commissions).where(where)).map((r) => r.id);
  if (ids.length > 0) await rejectCommissions(db, { tenantId, ids, actor, reason: "fraud review rejected the order or its click" });
}
