/**
 * An order the tracking script reported first carries the shopper's browser's figures: whoever controls the
 * page controls its amount. When the merchant's server reports the same order, its amount, currency and items
 * replace the script's (store-conversions.ts), as do those of the server's move forward to paid or fulfilled,
 * and commissions still pending are made again from them. Commissions already decided (approved, rejected,
 * paid) are the merchant's word and stay, with the figures they were made from.
 */
import { sql } from "drizzle-orm";
import type { ConversionDraft } from "../../../../core/conversion-draft";
import { rowsOf, type Executor } from "../../../../db/client";

/** An order as stored before this batch: what a server report is compared with (order-resends.ts). */
export type StoredOrder = { tenant_id: string; order_id: string; status: string; amount: string; currency: string; items: unknown; source: string };

/** The batch's orders that the server reports and that are stored already, whoever reported them, by `tenant|order`. */
export async function storedOrdersOf(db: Executor, drafts: ConversionDraft[]): Promise<Map<string, StoredOrder>> {
  const server = drafts.filter((d) => d.source === "s2s");
  if (server.length === 0) return new Map();
  const rows = rowsOf(
    await db.execute<StoredOrder>(sql`
      SELECT c.tenant_id, c.order_id, c.status, c.amount, c.currency, c.items, c.source
      FROM unnest(${sql.param(server.map((d) => d.tenantId))}::text[], ${sql.param(server.map((d) => d.orderId))}::text[]) AS k(tenant_id, order_id)
      JOIN conversions c ON c.tenant_id = k.tenant_id AND c.order_id = k.order_id
      WHERE c.tenant_id = ANY(${sql.param([...new Set(server.map((d) => d.tenantId))])}::text[])`),
  );
  return new Map(rows.map((r) => [`${r.tenant_id}|${r.order_id}`, r]));
}

/**
 * Drops the pending commissions of orders whose figures the server changed, unless one of an order's
 * commissions is decided (a partial redo would split it twice); the batch's createCommissions then makes
 * them again from the server's figures, giving back refunds already stored.
 */
export async function redoPendingCommissions(db: Executor, orders: { tenantId: string; orderId: string }[]): Promise<void> {
  if (orders.length === 0) return;
  await db.execute(sql`
    DELETE FROM commissions cm
    USING unnest(${sql.param(orders.map((o) => o.tenantId))}::text[], ${sql.param(orders.map((o) => o.orderId))}::text[]) AS k(tenant_id, order_id)
    WHERE cm.tenant_id = k.tenant_id AND cm.order_id = k.order_id AND cm.status = 'pending'
      AND NOT EXISTS (SELECT 1 FROM commissions d WHERE d.tenant_id = k.tenant_id AND d.order_id = k.order_id AND d.status <> 'pending')`);
}
