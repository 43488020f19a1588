/**
 * The fraud review's word, read whenever commissions are (re)computed: a held commission whose order or
 * matched click the merchant already approved in review is released, as the approval released the order's
 * commissions then (db/queries/commission-lifecycle.ts settleReviewedCommissions). Without it, re-attribution
 * put an approved order's new commissions back on hold, where nothing could release them: the order had left
 * the review queue, `POST /v1/commissions/decisions` skips held commissions, and so does the lock-period cron.
 * A rejection (of the order or of its click) keeps them held: the rejection rejected the order's commissions,
 * which re-attribution leaves as they are. An order still awaiting review stays held, and in the queue.
 * Looked up only for held rows, so a batch with nothing flagged pays no query.
 */
import { sql } from "drizzle-orm";
import { timestampOfId } from "../../../../core/ids";
import { rowsOf, type Executor } from "../../../../db/client";

type Held = { tenant_id: string; conversion_id: string; held_for_review: boolean };
type Reviewed = { tenant_id: string; id: string; review_status: string | null; matched_click_id?: string | null };

const keyOf = (tenantId: string, id: string) => `${tenantId}|${id}`;

/** The rows, with those whose order (or its matched click) was approved in review, and neither rejected, no longer held. */
export async function releaseReviewed<T extends Held>(db: Executor, rows: T[]): Promise<T[]> {
  const held = rows.filter((r) => r.held_for_review);
  if (held.length === 0) return rows;
  const keys = [...new Map(held.map((r) => [keyOf(r.tenant_id, r.conversion_id), { tenantId: r.tenant_id, id: r.conversion_id }])).values()];
  const tenants = [...new Set(keys.map((k) => k.tenantId))];
  const orders = rowsOf(
    await db.execute<Reviewed>(sql`
      SELECT cv.tenant_id, cv.id, cv.review_status, cv.matched_click_id
      FROM unnest(${sql.param(keys.map((k) => k.tenantId))}::text[], ${sql.param(keys.map((k) => k.id))}::text[]) AS k(tenant_id, id)
      JOIN conversions cv ON cv.tenant_id = k.tenant_id AND cv.id = k.id AND cv.tenant_id = ANY(${sql.param(tenants)}::text[])`),
  );
  // The matched clicks, each in its partition (the time inside its id is its clicked_at).
  const withClick = orders.filter((o) => o.matched_click_id && timestampOfId(o.matched_click_id) !== null);
  const clicks =
    withClick.length === 0
      ? []
      : rowsOf(
          await db.execute<Reviewed>(sql`
            SELECT c.tenant_id, c.id, c.review_status
            FROM unnest(${sql.param(withClick.map((o) => o.tenant_id))}::text[], ${sql.param(withClick.map((o) => o.matched_click_id!))}::text[],
                        ${sql.param(withClick.map((o) => new Date(timestampOfId(o.matched_click_id!)!).toISOString()))}::timestamptz[]) AS k(tenant_id, id, at)
            JOIN clicks c ON c.tenant_id = k.tenant_id AND c.id = k.id AND c.clicked_at = k.at`),
        );
  const clickStatus = new Map(clicks.map((c) => [keyOf(c.tenant_id, c.id), c.review_status]));
  const released = new Set(
    orders
      .filter((o) => {
        const outcomes = [o.review_status, o.matched_click_id ? clickStatus.get(keyOf(o.tenant_id, o.matched_click_id)) ?? null : null];
        return outcomes.includes("approved") && !outcomes.includes("rejected");
      })
      .map((o) => keyOf(o.tenant_id, o.id)),
  );
  if (released.size === 0) return rows;
  return rows.map((r) => (r.held_for_review && released.has(keyOf(r.tenant_id, r.conversion_id)) ? { ...r, held_for_review: false } : r));
}
