/**
 * Announces what a recomputation changed (refigure-commissions.ts), once its writes and refunds are done:
 * `commission.updated` for a commission whose amount, amount taken back, status or currency moved, with what
 * it said before; `commission.rejected` (reason "order refigured") for a share the order no longer gives.
 * Each change is also a decision row (actor `system`), the audit trail of the commission, and their count
 * numbers the events, so every change has its own event id. A recomputation that changes nothing (the same
 * report delivered twice never gets here) writes and announces nothing.
 */
import { sql } from "drizzle-orm";
import { newId } from "../../../../core/ids";
import { rowsOf, type Executor } from "../../../../db/client";
import { commissionDecisions } from "../../../../db/schema";
import { commissionRefigureRejected, commissionUpdated } from "../../../../db/queries/webhook-event-data";
import { emitWebhookEvents } from "../../../../db/queries/webhook-outbox";
import type { ComputedCommission, HeldCommission, RefigurePlan } from "./refigure-plan";
import { REFIGURED } from "./server-figures";

type After = { id: string; tenant_id: string; order_id: string; conversion_id: string; affiliate_id: string; campaign_id: string; currency: string;
  amount: string; reversed_amount: string; status: string; held_for_review: boolean };

export async function announceRefigure<C extends ComputedCommission>(db: Executor, held: HeldCommission[], plan: RefigurePlan<C>): Promise<void> {
  const ids = [...plan.update.map((c) => c.id), ...plan.reject.map((c) => c.id)];
  if (ids.length === 0) return;
  const after = rowsOf(
    await db.execute<After>(sql`
      SELECT id, tenant_id, order_id, conversion_id, affiliate_id, campaign_id, currency, amount, reversed_amount, status, held_for_review FROM commissions
      WHERE tenant_id = ANY(${sql.param([...new Set(held.map((c) => c.tenant_id))])}::text[]) AND id = ANY(${sql.param(ids)}::text[])`),
  );
  const before = new Map(held.map((c) => [c.id, c]));
  const changed = after.filter((a) => {
    const b = before.get(a.id)!;
    return Number(a.amount) !== Number(b.amount) || Number(a.reversed_amount) !== Number(b.reversed_amount) || a.status !== b.status || a.currency.trim() !== b.currency.trim();
  });
  if (changed.length === 0) return;
  await db.insert(commissionDecisions).values(
    changed.map((c) => ({ id: newId("decision"), tenantId: c.tenant_id, commissionId: c.id, action: c.status === "rejected" ? "rejected" : "refigured", actor: "system", reason: REFIGURED })),
  );
  const counts = rowsOf(
    await db.execute<{ commission_id: string; n: number }>(sql`
      SELECT commission_id, count(*)::int AS n FROM commission_decisions
      WHERE tenant_id = ANY(${sql.param([...new Set(changed.map((c) => c.tenant_id))])}::text[]) AND commission_id = ANY(${sql.param(changed.map((c) => c.id))}::text[])
        AND actor = 'system' AND reason = ${REFIGURED}
      GROUP BY commission_id`),
  );
  const nOf = new Map(counts.map((r) => [r.commission_id, Number(r.n)]));
  await emitWebhookEvents(
    db,
    changed.map((a) => {
      const b = before.get(a.id)!;
      const c = { id: a.id, tenantId: a.tenant_id, orderId: a.order_id, conversionId: a.conversion_id, affiliateId: a.affiliate_id, campaignId: a.campaign_id,
        currency: a.currency.trim(), amount: Number(a.amount), reversedAmount: Number(a.reversed_amount), status: a.status, heldForReview: a.held_for_review };
      const n = nOf.get(a.id) ?? 1;
      return a.status === "rejected"
        ? commissionRefigureRejected(c, REFIGURED, n)
        : commissionUpdated(c, { amount: Number(b.amount), reversedAmount: Number(b.reversed_amount), status: b.status }, REFIGURED, n);
    }),
  );
}
