/** Parks the notices of order-resends.ts in failed_events, each once however often its report is delivered. */
import { and, eq, inArray } from "drizzle-orm";
import type { ConversionDraft } from "../../../../core/conversion-draft";
import type { Executor } from "../../../../db/client";
import { failedEvents } from "../../../../db/schema";
import { parkFailedEvents, type FailedEventInput } from "./failed-events";
import { ORDER_RESEND_SOURCE, resentFigures } from "./order-resends";
import type { StoredOrder } from "./server-figures";

/** The batch's notices not parked before: the same resend delivered again is told once. */
export async function parkResentFigures(db: Executor, drafts: ConversionDraft[], before: Map<string, StoredOrder>): Promise<void> {
  const notices = resentFigures(drafts, before);
  if (notices.length === 0) return;
  const tenantOf = (n: FailedEventInput) => (n.payload as { tenantId: string }).tenantId;
  const told = await db
    .select({ tenantId: failedEvents.tenantId, reason: failedEvents.reason })
    .from(failedEvents)
    .where(and(eq(failedEvents.source, ORDER_RESEND_SOURCE), inArray(failedEvents.tenantId, [...new Set(notices.map(tenantOf))]), inArray(failedEvents.reason, notices.map((n) => n.reason))));
  const toldBefore = new Set(told.map((r) => `${r.tenantId}|${r.reason}`));
  await parkFailedEvents(db, notices.filter((n) => !toldBefore.has(`${tenantOf(n)}|${n.reason}`)));
}
