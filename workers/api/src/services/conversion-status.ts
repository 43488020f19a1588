/**
 * A merchant moves an order's status from the dashboard or API, with the same rules as its server's
 * reports to the ingest Worker: forward only (placed → paid → fulfilled, or cancelled from any), and a
 * cancellation takes back the order's commissions exactly as a cancellation from the ingest Worker does
 * (same reversal, same key, so the two never both apply).
 */
import { and, eq } from "drizzle-orm";
import { fail, ok, type Result } from "../../../../core/result";
import type { Executor } from "../../../../db/client";
import { cancellationOf, reverseCommissions } from "../../../../db/queries/reverse-commissions";
import { conversionStatusChanged } from "../../../../db/queries/webhook-event-data";
import { emitWebhookEvents } from "../../../../db/queries/webhook-outbox";
import { conversions } from "../../../../db/schema";

const RANK: Record<string, number> = { placed: 0, paid: 1, fulfilled: 2, cancelled: 3 };

export async function changeOrderStatus(db: Executor, tenantId: string, id: string, status: "paid" | "fulfilled" | "cancelled"): Promise<Result<{ changed: boolean }>> {
  // Locked, so a concurrent report from the merchant's server waits and then sees this status.
  const [order] = await db
    .select({
      orderId: conversions.orderId, status: conversions.status, amount: conversions.amount, currency: conversions.currency,
      matchedAffiliateId: conversions.matchedAffiliateId, occurredAt: conversions.occurredAt,
    })
    .from(conversions)
    .where(and(eq(conversions.tenantId, tenantId), eq(conversions.id, id)))
    .for("update");
  if (!order) return fail("not_found", "No order with this id in your account.");
  if (order.status === status) return ok({ changed: false });
  if ((RANK[status] ?? -1) < (RANK[order.status] ?? -1)) {
    return fail("conflict", `The order is ${order.status}; orders move forward only (placed → paid → fulfilled, or cancelled).`, "/body/status");
  }
  await db.update(conversions).set({ status }).where(and(eq(conversions.tenantId, tenantId), eq(conversions.id, id)));
  // Announced as the ingest Worker announces a status its server reported: receivers subscribed to
  // conversion.status_changed otherwise never learnt of a change made here (same event id, so never twice).
  await emitWebhookEvents(db, [conversionStatusChanged({ ...order, id, tenantId, status })]);
  if (status === "cancelled") await reverseCommissions(db, [cancellationOf(tenantId, order.orderId)]);
  return ok({ changed: true });
}
