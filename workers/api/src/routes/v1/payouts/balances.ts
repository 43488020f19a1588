import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { affiliateScope } from "../../../../../../core/auth/access";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, standardErrors } from "../../../lib/openapi-common";
import { toPage } from "../../../lib/pagination";
import { authenticate } from "../../../middleware/authenticate";
import { balancesOf, type BalanceRow } from "../../../services/balances";
import { balanceListSchema, balanceQuery } from "./schema";

const route = createRoute({
  method: "get",
  path: "/v1/balances",
  tags: ["Payouts"],
  summary: "What each affiliate has earned, per currency: available, pending, paid, clawed back",
  description: "Affiliates with any commission or ledger entry, by id. Affiliate users see only their own.",
  security: bearerAuth,
  middleware: [authenticate({ permission: "payouts:read" })] as const,
  request: { query: balanceQuery },
  responses: { 200: { description: "A page of affiliates' balances", content: { "application/json": { schema: balanceListSchema } } }, ...standardErrors },
});

/** Rows per (affiliate, currency) become one item per affiliate, in order. */
function byAffiliate(rows: BalanceRow[]) {
  const items = new Map<string, { id: string; balances: BalanceRow[] }>();
  for (const r of rows) {
    if (!items.has(r.affiliate_id)) items.set(r.affiliate_id, { id: r.affiliate_id, balances: [] });
    items.get(r.affiliate_id)!.balances.push(r);
  }
  return [...items.values()];
}

export function registerBalances(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(route, async (c) => {
    const q = c.req.valid("query");
    const principal = c.get("principal");
    const rows = await balancesOf(c.get("db"), principal.tenantId, q, affiliateScope(principal));
    const page = toPage(byAffiliate(rows), q.limit, (a) => ({
      affiliateId: a.id,
      balances: a.balances.map((b) => ({ currency: b.currency, available: Number(b.available), locked: Number(b.locked), pending: Number(b.pending), paid: Number(b.paid), clawbackCarried: Number(b.clawback_carried) })),
    }));
    return c.json(page, 200);
  });
}
