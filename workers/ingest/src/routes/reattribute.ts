/**
 * POST /admin/reattribute {tenantId, campaignId?, since?, limit?}: after a change of rules or model,
 * recomputes the commissions of orders that are still pending (decided ones, approved or paid, are the
 * merchant's word and stay). Operator endpoint (ADMIN_TOKEN), called by `npm run reattribute`.
 */
import type { Hono } from "hono";
import { and, eq, gte, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { isId } from "../../../../core/ids";
import { withDatabase } from "../../../../db/client";
import { commissions } from "../../../../db/schema";
import type { IngestHonoEnv } from "../env";
import { invalidBody, problemFrom } from "../lib/problems";
import { readJsonBody } from "../lib/read-json";
import { createCommissions } from "../services/create-commissions";
import { requireAdmin } from "../middleware/admin-auth";

const body = z.object({
  tenantId: z.string().refine((v) => isId("tenant", v), "expected a tenant id"),
  campaignId: z.string().refine((v) => isId("campaign", v), "expected a campaign id").optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  limit: z.number().int().min(1).max(5_000).default(1_000),
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
          .select({ orderId: commissions.orderId })
          .from(commissions)
          .where(and(eq(commissions.tenantId, q.tenantId), eq(commissions.status, "pending"), q.campaignId ? eq(commissions.campaignId, q.campaignId) : undefined, q.since ? gte(commissions.createdAt, new Date(q.since)) : undefined))
          .groupBy(commissions.orderId)
          .limit(q.limit);
        const orders = pending.map((p) => p.orderId);
        if (orders.length === 0) return { orders: 0 };
        // Only orders none of whose commissions is decided: a partial recompute would split one order twice.
        const decided = await tx
          .select({ orderId: commissions.orderId })
          .from(commissions)
          .where(and(eq(commissions.tenantId, q.tenantId), inArray(commissions.orderId, orders), sql`${commissions.status} <> 'pending'`));
        const redo = orders.filter((o) => !decided.some((d) => d.orderId === o));
        if (redo.length === 0) return { orders: 0 };
        await tx.delete(commissions).where(and(eq(commissions.tenantId, q.tenantId), inArray(commissions.orderId, redo)));
        await createCommissions(tx, redo.map((orderId) => ({ tenantId: q.tenantId, orderId })));
        return { orders: redo.length };
      }),
    );
    return c.json({ reattributed: result.orders, more: result.orders === q.limit });
  });
}
