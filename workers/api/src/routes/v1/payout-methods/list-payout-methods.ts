/**
 * Payout methods across affiliates, as hints: one paged list, so the merchant's methods page need not ask
 * once per affiliate. Affiliate users see only their own rows.
 */
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { and, asc, eq, gt } from "drizzle-orm";
import { affiliateScope } from "../../../../../../core/auth/access";
import { payoutMethods } from "../../../../../../db/schema";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, standardErrors } from "../../../lib/openapi-common";
import { pageOf, pageQuery, toPage } from "../../../lib/pagination";
import { authenticate } from "../../../middleware/authenticate";
import { idOf } from "../fields";
import { methodSchema, view } from "./payout-methods";

const example = "aff_01JB8Z5Q3X0000000000000000";
const query = z.object({
  affiliateId: idOf("affiliate", "aff").optional().openapi({ param: { name: "affiliateId", in: "query" }, description: "Only this affiliate's methods", example }),
  ...pageQuery,
});
const itemSchema = methodSchema.extend({ affiliateId: z.string().openapi({ example }) }).openapi("AffiliatePayoutMethod");

const list = createRoute({
  method: "get", path: "/v1/payout-methods", tags: ["Payouts"], security: bearerAuth,
  middleware: [authenticate({ permission: "payouts:read" })] as const,
  summary: "Payout methods of all affiliates, as hints, oldest first",
  description: "Affiliate users see only their own. An affiliate that is not in your account simply has no methods here.",
  request: { query },
  responses: { 200: { description: "A page", content: { "application/json": { schema: pageOf(itemSchema, "AffiliatePayoutMethodList") } } }, ...standardErrors },
});

export function registerListPayoutMethods(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    const principal = c.get("principal");
    const own = affiliateScope(principal);
    // The sealed details are never selected: a list has no use for them, and what is not read cannot leak.
    const rows = await c
      .get("db")
      .select({ id: payoutMethods.id, affiliateId: payoutMethods.affiliateId, kind: payoutMethods.kind, hint: payoutMethods.hint, updatedAt: payoutMethods.updatedAt })
      .from(payoutMethods)
      .where(
        and(
          eq(payoutMethods.tenantId, principal.tenantId),
          own === null ? undefined : eq(payoutMethods.affiliateId, own),
          q.affiliateId ? eq(payoutMethods.affiliateId, q.affiliateId) : undefined,
          q.cursor ? gt(payoutMethods.id, q.cursor) : undefined,
        ),
      )
      // Ids are time-ordered and kept when a method is replaced, so pages stay stable while methods are set.
      .orderBy(asc(payoutMethods.id))
      .limit(q.limit + 1);
    return c.json(toPage(rows, q.limit, (r) => ({ affiliateId: r.affiliateId, ...view(r) })), 200);
  });
}
