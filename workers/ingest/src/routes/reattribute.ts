/**
 * POST /admin/reattribute {tenantId, campaignId?, since?, limit?, cursor?}: after a change of rules or model,
 * recomputes the commissions of orders that are still pending (decided ones, approved or paid, are the
 * merchant's word and stay). Operator endpoint (ADMIN_TOKEN), called by `npm run reattribute`.
 *
 * Pages follow the orders' conversion ids: a page takes up to `limit` orders with pending commissions after
 * `cursor`, and answers `{reattributed, skipped, cursor, more}`, `cursor` the last conversion id it looked at
 * (null at the end) and `more` whether orders remain after it. Re-attributed orders keep pending
 * commissions, so a page picked by "still pending" alone took the same orders again on every call (and
 * `more: reattributed === limit` never ended, or ended early when a page held decided orders).
 */
import type { Hono } from "hono";
import { and, asc, eq, gt, gte, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { isId } from "../../../../core/ids";
import { withDatabase } from "../../../../db/client";
import { commissions } from "../../../../db/schema";
import type { IngestHonoEnv } from "../env";
import { invalidBody, problemFrom } from "../lib/problems";
import { readJsonBody } from "../lib/read-json";
import { refigureCommissions } from "../services/refigure-commissions";
import { requireAdmin } from "../middleware/admin-auth";

const body = z.object({
  tenantId: z.string().refine((v) => isId("tenant", v), "expected a tenant id"),
  campaignId: z.string().refine((v) => isId("campaign", v), "expected a campaign id").optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  limit: z.number().int().min(1).max(5_000).default(1_000),
  /** The `cursor` of the previous page: the last conversion id it looked at. */
  cursor: z.string().refine((v) => isId("conversion", v), "expected a conversion id").optional(),
});

export function registerReattribute(app: Hono<IngestHonoEnv>): void {
  app.post("/admin/reattribute", async (c) => {
    const denied = await requireAdmin(c);
    if (denied) return denied;
    const raw = await readJsonBody(c.req, 4_096);
    if (!raw.ok) return problemFrom(c, raw.error);
    const parsed = body.safeParse(raw.value);
    if (!parsed.success) return invalidBody(c, parsed.error);
    const q = parsed.data;
    const result = await withDatabase(c.env, c.executionCtx, (db) =>
      db.transaction(async (tx) => {
        const pending = await tx
          .select({ conversionId: commissions.conversionId, orderId: commissions.orderId })
          .from(commissions)
          .where(
            and(
              eq(commissions.tenantId, q.tenantId),
              eq(commissions.status, "pending"),
              q.campaignId ? eq(commissions.campaignId, q.campaignId) : undefined,
              q.since ? gte(commissions.createdAt, new Date(q.since)) : undefined,
              q.cursor ? gt(commissions.conversionId, q.cursor) : undefined,
            ),
          )
          .groupBy(commissions.conversionId, commissions.orderId)
          .orderBy(asc(commissions.conversionId))
          // One more than the page: whether any remain after it.
          .limit(q.limit + 1);
        const page = pending.slice(0, q.limit);
        const more = pending.length > q.limit;
        const cursor = more ? page[page.length - 1].conversionId : null;
        const orders = [...new Set(page.map((p) => p.orderId))];
        if (orders.length === 0) return { reattributed: 0, skipped: 0, cursor, more };
        // Only orders none of whose commissions is decided: a partial recompute would split one order twice.
        const decided = await tx
          .select({ orderId: commissions.orderId })
          .from(commissions)
          .where(and(eq(commissions.tenantId, q.tenantId), inArray(commissions.orderId, orders), sql`${commissions.status} <> 'pending'`));
        const redo = orders.filter((o) => !decided.some((d) => d.orderId === o));
        // In place, as for refigured orders: ids handed out stay valid, and webhooks hear commission.updated
        // (or .rejected for a share the new rules no longer give), not a second commission.created.
        if (redo.length > 0) await refigureCommissions(tx, redo.map((orderId) => ({ tenantId: q.tenantId, orderId })));
        return { reattributed: redo.length, skipped: orders.length - redo.length, cursor, more };
      }),
    );
    return c.json(result);
  });
}
