import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { affiliateScope } from "../../../../../../core/auth/access";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, standardErrors } from "../../../lib/openapi-common";
import { toPage } from "../../../lib/pagination";
import { authenticate } from "../../../middleware/authenticate";
import { payoutsOf } from "../../../services/balances";
import { payoutListSchema, payoutQuery } from "./schema";

const route = createRoute({
  method: "get",
  path: "/v1/payouts",
  tags: ["Payouts"],
  summary: "Payouts made to affiliates, oldest first",
  description: "The payout entries of the affiliates' ledger. Making payouts comes later; until then the list may be empty. Affiliate users see only their own.",
  security: bearerAuth,
  middleware: [authenticate({ permission: "payouts:read" })] as const,
  request: { query: payoutQuery },
  responses: { 200: { description: "A page of payouts", content: { "application/json": { schema: payoutListSchema } } }, ...standardErrors },
});

export function registerPayouts(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(route, async (c) => {
    const q = c.req.valid("query");
    const principal = c.get("principal");
    const rows = await payoutsOf(c.get("db"), principal.tenantId, q, affiliateScope(principal));
    const page = toPage(rows, q.limit, (r) => ({ id: r.id, affiliateId: r.affiliateId, currency: r.currency, amount: -r.amount, reference: r.entryKey, createdAt: r.createdAt.toISOString() }));
    return c.json(page, 200);
  });
}
