/**
 * What the payout webhook receivers need from the database. The webhook names no tenant, so the item is
 * found with the Worker's own role by what our adapter sent (item id, idempotency key) or what the provider
 * answered (its reference); the settlement then runs inside that item's tenant scope.
 */
import { and, eq, or, sql, type SQL } from "drizzle-orm";
import { newId } from "../../core/ids";
import type { ItemMatch, ProviderName } from "../../core/payouts/webhooks/event";
import { storableJson } from "../../core/text";
import type { Executor } from "../client";
import { failedEvents, ledgerEntries, payoutBatches, payoutItems, payoutProviderEvents } from "../schema";

export async function findItemForEvent(db: Executor, provider: ProviderName, match: ItemMatch) {
  const by: SQL[] = [];
  if (match.itemId) by.push(eq(payoutItems.id, match.itemId));
  if (match.reference) by.push(eq(payoutItems.providerReference, match.reference));
  // Efí's idEnvio is the idempotency key with everything but letters and digits dropped (core/payouts/pix-efi.ts).
  if (match.sendId) by.push(sql`left(regexp_replace(${payoutItems.idempotencyKey}, '[^A-Za-z0-9]', '', 'g'), 35) = ${match.sendId}`);
  if (by.length === 0) return null;
  const rows = await db
    .select({ item: payoutItems, batchCreatedAt: payoutBatches.createdAt })
    .from(payoutItems)
    .innerJoin(payoutBatches, and(eq(payoutBatches.tenantId, payoutItems.tenantId), eq(payoutBatches.id, payoutItems.batchId)))
    .where(and(eq(payoutBatches.provider, provider), or(...by)))
    .limit(2);
  // Two items answering one event would be a bug upstream; settling either could pay the wrong affiliate.
  return rows.length === 1 ? rows[0]! : null;
}

/** The item again, locked: two events for one item settle one after the other, each seeing the other's result. */
export async function lockItem(db: Executor, tenantId: string, itemId: string) {
  const [row] = await db.select().from(payoutItems).where(and(eq(payoutItems.tenantId, tenantId), eq(payoutItems.id, itemId))).for("update");
  return row ?? null;
}

/** Whether this attempt's debit was already returned (db/queries/payout-settlement.ts names the entry). */
export async function attemptReturned(db: Executor, item: { tenantId: string; id: string; attempts: number }): Promise<boolean> {
  const rows = await db.select({ id: ledgerEntries.id }).from(ledgerEntries).where(and(eq(ledgerEntries.tenantId, item.tenantId), eq(ledgerEntries.entryKey, `payout-return:${item.id}:${item.attempts}`))).limit(1);
  return rows.length > 0;
}

/** True for the first delivery of this event; a replay only bumps the counter (and waits for a concurrent first one to commit). */
export async function claimEvent(db: Executor, e: { provider: ProviderName; eventId: string; tenantId: string; itemId: string; outcome: string }): Promise<boolean> {
  const inserted = await db.insert(payoutProviderEvents).values(e).onConflictDoNothing().returning({ eventId: payoutProviderEvents.eventId });
  if (inserted.length > 0) return true;
  await db
    .update(payoutProviderEvents)
    .set({ replays: sql`${payoutProviderEvents.replays} + 1` })
    .where(and(eq(payoutProviderEvents.provider, e.provider), eq(payoutProviderEvents.eventId, e.eventId)));
  return false;
}

export const setEventOutcome = (db: Executor, provider: ProviderName, eventId: string, outcome: string) =>
  db.update(payoutProviderEvents).set({ outcome }).where(and(eq(payoutProviderEvents.provider, provider), eq(payoutProviderEvents.eventId, eventId)));

/** Kept for the merchant (or the operator, when no tenant is known) to see in failed_events, with why. */
export async function recordFailedWebhook(db: Executor, r: { provider: ProviderName; tenantId?: string; eventId?: string; type: string; reason: string; body: unknown }): Promise<void> {
  await db.insert(failedEvents).values({
    id: newId("failedEvent"),
    tenantId: r.tenantId ?? null,
    source: `payout-webhook:${r.provider}`,
    eventType: r.type,
    eventId: r.eventId?.slice(0, 200) || null,
    payload: storableJson({ type: r.type, provider: r.provider, tenantId: r.tenantId, body: r.body }),
    reason: r.reason.slice(0, 2_000),
    attempts: 1,
  });
}
