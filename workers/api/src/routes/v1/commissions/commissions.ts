import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { and, asc, eq, gt } from "drizzle-orm";
import { approveCommissions, rejectCommissions } from "../../../../../../db/queries/commission-lifecycle";
import { actorOf, affiliateScope } from "../../../../../../core/auth/access";
import { commissions } from "../../../../../../db/schema";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, standardErrors } from "../../../lib/openapi-common";
import { toPage } from "../../../lib/pagination";
import { authenticate } from "../../../middleware/authenticate";
import { commissionListSchema, commissionQuery, decisionBody, decisionResultSchema } from "./schema";
import { toCommissionView } from "./view";

const list = createRoute({
  method: "get",
  path: "/v1/commissions",
  tags: ["Commissions"],
  summary: "Commissions, oldest first, filtered by status, affiliate and order id",
  description: "Affiliate users see only their own.",
  security: bearerAuth,
  middleware: [authenticate({ permission: "commissions:read" })] as const,
  request: { query: commissionQuery },
  responses: { 200: { description: "A page", content: { "application/json": { schema: commissionListSchema } } }, ...standardErrors },
});

const decide = createRoute({
  method: "post",
  path: "/v1/commissions/decisions",
  tags: ["Commissions"],
  summary: "Approve or reject commissions, one or many",
  description:
    "Only pending commissions change. Approving credits the affiliate's ledger; a commission held for fraud review is skipped until the review approves its order or click. Every decision is kept with its actor and reason.",
  security: bearerAuth,
  middleware: [authenticate({ permission: "commissions:write" })] as const,
  request: { body: { required: true, content: { "application/json": { schema: decisionBody } } } },
  responses: { 200: { description: "What was decided and what was skipped", content: { "application/json": { schema: decisionResultSchema } } }, ...standardErrors },
});

export function registerCommissions(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    const principal = c.get("principal");
    const own = affiliateScope(principal);
    const rows = await c
      .get("db")
      .select()
      .from(commissions)
      .where(and(eq(commissions.tenantId, principal.tenantId), own ? eq(commissions.affiliateId, own) : undefined, q.status ? eq(commissions.status, q.status) : undefined, q.affiliateId ? eq(commissions.affiliateId, q.affiliateId) : undefined, q.orderId ? eq(commissions.orderId, q.orderId) : undefined, q.cursor ? gt(commissions.id, q.cursor) : undefined))
      .orderBy(asc(commissions.id))
      .limit(q.limit + 1);
    return c.json(toPage(rows, q.limit, (r) => toCommissionView(r, own)), 200);
  });

  app.openapi(decide, async (c) => {
    const { action, ids, reason } = c.req.valid("json");
    const principal = c.get("principal");
    const decision = { tenantId: principal.tenantId, ids, actor: actorOf(principal), reason };
    const db = c.get("db");
    const result = await db.transaction((tx) => (action === "approve" ? approveCommissions(tx, decision) : rejectCommissions(tx, decision)));
    return c.json(result, 200);
  });
}
