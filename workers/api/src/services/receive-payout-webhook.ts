/**
 * A payout provider's webhook, once verified: each outcome it reports is matched to our payout item and
 * applied through the same settlement as POST /v1/payout-batches/{id}/reconcile (db/queries/payout-settlement.ts):
 * paid marks the item and the affiliate's commissions paid; failed returns the ledger debit once (its
 * entry key is unique per attempt) and gives the item a new idempotency key. A replayed event id, an
 * unknown item or an event about an earlier attempt changes nothing and is kept in failed_events with why.
 */
import type { PayoutEventOutcome, ProviderName } from "../../../../core/payouts/webhooks/event";
import type { Database } from "../../../../db/client";
import { markAccepted, markReturned, refreshBatchStatus } from "../../../../db/queries/payout-settlement";
import { attemptReturned, claimEvent, findItemForEvent, lockItem, recordFailedWebhook, setEventOutcome } from "../../../../db/queries/payout-provider-events";
import { inTenantScope } from "../../../../db/tenant-scope";

export type EventResult = { eventId: string; result: "applied" | "unchanged" | "duplicate" | "ignored" | "parked"; itemId?: string; reason?: string };

export async function applyPayoutEvent(db: Database, provider: ProviderName, outcome: PayoutEventOutcome, body: unknown): Promise<EventResult> {
  const { eventId } = outcome;
  const park = async (reason: string, tenantId?: string): Promise<EventResult> => {
    await recordFailedWebhook(db, { provider, tenantId, eventId, type: "payout_webhook", reason, body });
    return { eventId, result: "parked", reason };
  };
  if (outcome.kind === "ignored") return { eventId, result: "ignored", reason: outcome.reason };
  if (outcome.kind === "unmappable") return park(`could not map ${provider} event: ${outcome.reason}`);

  const found = await findItemForEvent(db, provider, outcome.match);
  if (!found) return park(`no single ${provider} payout item matches ${JSON.stringify(outcome.match)}`);
  const { tenantId, id: itemId } = found.item;

  const result = await inTenantScope(db, tenantId, async (tx) => {
    if (!(await claimEvent(tx, { provider, eventId, tenantId, itemId, outcome: "pending" }))) return "duplicate" as const;
    const item = (await lockItem(tx, tenantId, itemId))!;
    // The item was sent again under a new key since (PayPal answers each attempt with a new payout_batch_id):
    // this event is about an earlier payment, already settled.
    const reference = outcome.match.reference;
    if (reference && item.providerReference && reference !== item.providerReference) {
      await setEventOutcome(tx, provider, eventId, "stale");
      return "stale" as const;
    }
    // Providers do not promise order: a "paid" arriving after this attempt's money was returned must not mark
    // the item paid (the ledger would show it returned), nor an item never sent; a person settles it.
    if (outcome.kind === "paid" && (item.status === "pending" || (item.status === "failed" && (await attemptReturned(tx, item))))) {
      await setEventOutcome(tx, provider, eventId, "contradicted");
      return "contradicted" as const;
    }
    let applied: "applied" | "unchanged" = "unchanged";
    if (outcome.kind === "paid" && item.status !== "paid") {
      await markAccepted(tx, item, "paid", outcome.reference ?? item.providerReference ?? eventId);
      applied = "applied";
    } else if (outcome.kind === "failed" && (item.status === "processing" || item.status === "paid")) {
      await markReturned(tx, item, outcome.reason);
      applied = "applied";
    }
    if (applied === "applied") await refreshBatchStatus(tx, tenantId, item.batchId);
    await setEventOutcome(tx, provider, eventId, applied);
    return applied;
  });
  if (result === "duplicate") {
    await recordFailedWebhook(db, { provider, tenantId, eventId, type: "payout_webhook_replayed", reason: `replayed event ${eventId}: received before, not applied again`, body });
    return { eventId, result: "duplicate", itemId };
  }
  if (result === "stale") return park(`event about ${outcome.match.reference}, but item ${itemId} is now ${found.item.providerReference}: an earlier attempt, not applied`, tenantId);
  if (result === "contradicted") return park(`${provider} reports item ${itemId} paid, but it is ${found.item.status} with this attempt's debit returned or never sent: not applied, check with the provider`, tenantId);
  return { eventId, result, itemId };
}
