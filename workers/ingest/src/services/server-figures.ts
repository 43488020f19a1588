/**
 * An order the tracking script reported first carries the shopper's browser's figures: whoever controls the
 * page controls its amount. When the merchant's server reports the same order, its amount, currency and items
 * replace the script's (store-conversions.ts), as do those of the server's move forward to paid or fulfilled,
 * and commissions still pending are made again from them, in place: same ids (refigure-commissions.ts).
 * Commissions already decided (approved, rejected, paid) are the merchant's word and stay, with the figures
 * they were made from.
 */
import { sql, type SQL } from "drizzle-orm";
import type { ConversionDraft } from "../../../../core/conversion-draft";
import { rowsOf, type Executor } from "../../../../db/client";
import type { HeldCommission } from "./refigure-plan";

/** An order as stored before this batch: what a server report is compared with (order-resends.ts). */
export type StoredOrder = { tenant_id: string; order_id: string; status: string; amount: string; currency: string; items: unknown; source: string };

/**
 * The batch's orders that the server reports and that are stored already, whoever reported them, by
 * `tenant|order`. One probe of the (tenant_id, order_id) unique index per key, as in create-commissions.ts's
 * batchOrders and for the same reason: a join with the tenants as a constant read every stored order of a
 * tenant the statistics did not know yet, for every batch.
 */
export async function storedOrdersOf(db: Executor, drafts: ConversionDraft[]): Promise<Map<string, StoredOrder>> {
  const server = drafts.filter((d) => d.source === "s2s");
  if (server.length === 0) return new Map();
  const rows = rowsOf(
    await db.execute<StoredOrder>(sql`
      SELECT c.tenant_id, c.order_id, c.status, c.amount, c.currency, c.items, c.source
      FROM unnest(${sql.param(server.map((d) => d.tenantId))}::text[], ${sql.param(server.map((d) => d.orderId))}::text[]) AS k(tenant_id, order_id)
      CROSS JOIN LATERAL (SELECT * FROM conversions c WHERE c.tenant_id = k.tenant_id AND c.order_id = k.order_id LIMIT 1) c`),
  );
  return new Map(rows.map((r) => [`${r.tenant_id}|${r.order_id}`, r]));
}

/** Why a commission was changed or rejected by a recomputation: its decision's reason, and how one is recognised. */
export const REFIGURED = "order refigured";

/**
 * The commissions of orders whose figures the server changed, locked, for orders none of whose commissions
 * the merchant decided (a partial redo would split an order twice): pending ones, and ones an earlier
 * recomputation rejected (its decision the latest), which the new figures may give again.
 */
export async function heldCommissionsOf(db: Executor, orders: { tenantId: string; orderId: string }[]): Promise<HeldCommission[]> {
  if (orders.length === 0) return [];
  const byRefigure = (d: SQL) => sql`(${d}.status = 'pending' OR (${d}.status = 'rejected' AND (SELECT x.reason FROM commission_decisions x
    WHERE x.tenant_id = ${d}.tenant_id AND x.commission_id = ${d}.id ORDER BY x.created_at DESC, x.id DESC LIMIT 1) = ${REFIGURED}))`;
  return rowsOf(
    await db.execute<HeldCommission>(sql`
      SELECT cm.id, cm.tenant_id, cm.conversion_id, cm.order_id, cm.affiliate_id, cm.status, cm.amount::float8 AS amount, cm.share_bp, cm.campaign_id,
        cm.currency, cm.rules_version, cm.explanation, cm.reversed_amount::float8 AS reversed_amount
      FROM unnest(${sql.param(orders.map((o) => o.tenantId))}::text[], ${sql.param(orders.map((o) => o.orderId))}::text[]) AS k(tenant_id, order_id)
      JOIN commissions cm ON cm.tenant_id = k.tenant_id AND cm.order_id = k.order_id
      WHERE NOT EXISTS (SELECT 1 FROM commissions d WHERE d.tenant_id = k.tenant_id AND d.order_id = k.order_id AND NOT ${byRefigure(sql`d`)})
      FOR UPDATE OF cm`),
  );
}
