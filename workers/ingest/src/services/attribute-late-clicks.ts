/**
 * Orders that arrived before their click: the shopper's order named a click id (from the cookie or the
 * URL) whose click was still on its way through the queue, so the order was stored matched to that id but
 * without an affiliate or a commission. When the click lands, the order gets its affiliate and its
 * commissions, in the same transaction as the click. Commission creation is idempotent, so a click
 * redelivered later changes nothing. Refunds the order received meanwhile found no commission to take back;
 * createCommissions gives them back from the new commissions, and a cancellation is applied here.
 */
import { sql } from "drizzle-orm";
import type { ClickEvent } from "../../../../core/schemas/click-event";
import { rowsOf, type Executor } from "../../../../db/client";
import { cancellationOf, reverseCommissions } from "../../../../db/queries/reverse-commissions";
import { createCommissions } from "./create-commissions";

export async function attributeLateClicks(db: Executor, clicks: ClickEvent[]): Promise<number> {
  if (clicks.length === 0) return 0;
  const result = await db.execute(sql`
    UPDATE conversions cv SET matched_affiliate_id = c.affiliate_id
    FROM clicks c, unnest(${sql.param(clicks.map((k) => k.tenantId))}::text[], ${sql.param(clicks.map((k) => k.id))}::text[],
                          ${sql.param(clicks.map((k) => new Date(k.ts).toISOString()))}::timestamptz[]) AS k(tenant_id, id, at)
    WHERE cv.tenant_id = k.tenant_id AND cv.matched_click_id = k.id AND cv.matched_affiliate_id IS NULL
      -- The click's time (its partition key, stored as clicked_at by store-clicks.ts) names its month.
      AND c.tenant_id = k.tenant_id AND c.id = k.id AND c.clicked_at = k.at
    RETURNING cv.tenant_id, cv.order_id, cv.status`);
  const orders = rowsOf(result as unknown as { rows: { tenant_id: string; order_id: string; status: string }[] });
  if (orders.length === 0) return 0;
  await createCommissions(db, orders.map((o) => ({ tenantId: o.tenant_id, orderId: o.order_id })));
  const cancelled = orders.filter((o) => o.status === "cancelled").map((o) => cancellationOf(o.tenant_id, o.order_id));
  await reverseCommissions(db, cancelled);
  return orders.length;
}
