/** Writes a set of queue messages of any type; the caller decides the transaction around it. */
import { draftsFromBrowser, draftFromServer, type ConversionDraft } from "../../../../core/conversion-draft";
import type { QueueEvent } from "../../../../core/schemas/queue-event";
import type { Executor } from "../../../../db/client";
import { cancellationOf, reverseCommissions } from "../../../../db/queries/reverse-commissions";
import { attributeLateClicks } from "./attribute-late-clicks";
import { storeBrowserEvents } from "./store-browser-events";
import { flagFloodPredecessors } from "./flag-flood-predecessors";
import { storeClicks } from "./store-clicks";
import { createCommissions } from "./create-commissions";
import { storeConversions } from "./store-conversions";
import { storeRefunds } from "./store-refunds";
import { requeueWebhookDeliveries } from "./requeue-webhook-deliveries";

export async function storeMessages(db: Executor, messages: QueueEvent[]): Promise<void> {
  const clicks = messages.filter((m) => m.type === "click");
  const browser = messages.filter((m) => m.type === "browser_event");
  const drafts: ConversionDraft[] = [
    ...browser.flatMap(draftsFromBrowser),
    ...messages.filter((m) => m.type === "conversion").map(draftFromServer),
  ];
  // Order matters: a click and the order it led to may arrive in the same batch.
  await storeClicks(db, clicks);
  await flagFloodPredecessors(db, clicks);
  await attributeLateClicks(db, clicks);
  await storeBrowserEvents(db, browser);
  await storeConversions(db, drafts);
  // Refunds stored before their order are given back by the new commissions there (create-commissions.ts).
  await createCommissions(db, drafts.map((d) => ({ tenantId: d.tenantId, orderId: d.orderId })));
  const refunds = messages.filter((m) => m.type === "refund");
  // Only refunds stored for their own order, in its currency, take commissions back (store-refunds.ts).
  const applicable = await storeRefunds(db, refunds);
  // A cancelled order takes back all its commissions (the API's cancellation uses the same key).
  const cancellations = drafts.filter((d) => d.source === "s2s" && d.status === "cancelled").map((d) => cancellationOf(d.tenantId, d.orderId));
  await reverseCommissions(db, [...applicable, ...cancellations]);
  await requeueWebhookDeliveries(db, messages.filter((m) => m.type === "webhook_delivery"));
}
