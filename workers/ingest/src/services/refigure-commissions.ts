/**
 * The pending commissions of orders whose figures the server changed (server-figures.ts), made again from
 * the new figures in place: a commission keeps its id, and a share the order no longer gives is rejected
 * rather than deleted, so ids handed to the merchant's webhooks and API clients stay valid and the report
 * rollups follow the updates (their triggers take the old row out and put the new one in). Pending
 * commissions have no ledger entries, so balances are untouched. Stored refunds are applied again to the
 * new amounts. What changed is announced afterwards (refigure-announce.ts).
 */
import { sql } from "drizzle-orm";
import type { Executor } from "../../../../db/client";
import { reverseCommissions } from "../../../../db/queries/reverse-commissions";
import { insertCommissions, recomputeCommissions } from "./create-commissions";
import { announceRefigure } from "./refigure-announce";
import { planRefigure, type HeldCommission } from "./refigure-plan";
import { heldCommissionsOf } from "./server-figures";
import { storedRefundsOf } from "./store-refunds";

export async function refigureCommissions(db: Executor, orders: { tenantId: string; orderId: string }[]): Promise<void> {
  const held = await heldCommissionsOf(db, orders);
  if (held.length === 0) return; // no commissions yet: createCommissions makes them
  const keys = [...new Map(held.map((c) => [`${c.tenant_id}|${c.order_id}`, { tenantId: c.tenant_id, orderId: c.order_id }])).values()];
  const refunds = await storedRefundsOf(db, keys);
  const refundedOrders = new Set(refunds.map((r) => `${r.tenantId}|${r.input.orderId}`));
  const refunded = new Set(held.filter((c) => refundedOrders.has(`${c.tenant_id}|${c.order_id}`)).map((c) => c.conversion_id));
  const plan = planRefigure(held, await recomputeCommissions(db, keys), refunded);
  await updateInPlace(db, plan.update);
  await rejectDropped(db, plan.reject);
  await insertCommissions(db, plan.insert);
  // Reversals recorded per (commission, refund) were cleared for the updated ones: each refund applies once again.
  if (refunds.length > 0) await reverseCommissions(db, refunds);
  await announceRefigure(db, held, plan);
}

type Update = Parameters<typeof planRefigure>[1][number];

async function updateInPlace(db: Executor, rows: Update[]): Promise<void> {
  if (rows.length === 0) return;
  const json = JSON.stringify(rows.map((r) => [r.tenant_id, r.id, r.amount, r.share_bp, r.campaign_id, r.currency, r.rules_version, r.explanation]));
  await db.execute(sql`
    DELETE FROM commission_reversals cr USING jsonb_array_elements(${json}::jsonb) AS r
    WHERE cr.tenant_id = r->>0 AND cr.commission_id = r->>1`);
  await db.execute(sql`
    UPDATE commissions cm SET amount = (r->>2)::bigint, share_bp = (r->>3)::int, campaign_id = r->>4, currency = r->>5, rules_version = (r->>6)::int,
      explanation = r->7, reversed_amount = 0, status = 'pending', decided_at = NULL
    FROM jsonb_array_elements(${json}::jsonb) AS r
    WHERE cm.tenant_id = r->>0 AND cm.id = r->>1`);
}

async function rejectDropped(db: Executor, rows: HeldCommission[]): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    UPDATE commissions SET status = 'rejected', decided_at = now()
    WHERE tenant_id = ANY(${sql.param([...new Set(rows.map((r) => r.tenant_id))])}::text[]) AND id = ANY(${sql.param(rows.map((r) => r.id))}::text[]) AND status = 'pending'`);
}
