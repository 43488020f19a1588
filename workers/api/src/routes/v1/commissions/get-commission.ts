import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { affiliateScope } from "../../../../../../core/auth/access";
import { commissions } from "../../../../../../db/schema";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, notFoundError, standardErrors } from "../../../lib/openapi-common";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { commissionIdParams, commissionSchema } from "./schema";
import { toCommissionView } from "./view";

const route = createRoute({
  method: "get",
  path: "/v1/commissions/{id}",
  tags: ["Commissions"],
  summary: "Get a commission, with how it was computed",
  security: bearerAuth,
  middleware: [authenticate({ permission: "commissions:read" })] as const,
  request: { params: commissionIdParams },
  responses: { 200: { description: "The commission", content: { "application/json": { schema: commissionSchema } } }, ...standardErrors, ...notFoundError },
});

export function registerGetCommission(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(route, async (c) => {
    const principal = c.get("principal");
    const own = affiliateScope(principal);
    const [row] = await c
      .get("db")
      .select()
      .from(commissions)
      .where(and(eq(commissions.tenantId, principal.tenantId), eq(commissions.id, c.req.valid("param").id), own ? eq(commissions.affiliateId, own) : undefined));
    if (!row) return problemFor(c, "not_found", { detail: "No commission with this id in your account." });
    return c.json(toCommissionView(row, own), 200);
  });
}
