import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { affiliateScope } from "../../../../../../core/auth/access";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, notFoundError, standardErrors } from "../../../lib/openapi-common";
import { toPage } from "../../../lib/pagination";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { getConversion, listConversions } from "../../../services/conversions";
import { conversionIdParams, conversionListSchema, conversionQuery, conversionSchema } from "./schema";
import { toConversionView } from "./view";

const list = createRoute({
  method: "get",
  path: "/v1/conversions",
  tags: ["Conversions"],
  summary: "Orders, oldest first, filtered by status, campaign, affiliate, time and order id",
  description: "Affiliate users see only orders attributed to them, without the shopper's identifiers or fraud evidence.",
  security: bearerAuth,
  middleware: [authenticate({ permission: "conversions:read" })] as const,
  request: { query: conversionQuery },
  responses: { 200: { description: "A page of orders", content: { "application/json": { schema: conversionListSchema } } }, ...standardErrors },
});

const get = createRoute({
  method: "get",
  path: "/v1/conversions/{id}",
  tags: ["Conversions"],
  summary: "Get an order",
  security: bearerAuth,
  middleware: [authenticate({ permission: "conversions:read" })] as const,
  request: { params: conversionIdParams },
  responses: { 200: { description: "The order", content: { "application/json": { schema: conversionSchema } } }, ...standardErrors, ...notFoundError },
});

export function registerReadConversions(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    const principal = c.get("principal");
    const own = affiliateScope(principal);
    const rows = await listConversions(c.get("db"), principal.tenantId, q, own);
    return c.json(toPage(rows, q.limit, (r) => toConversionView(r, own)), 200);
  });

  app.openapi(get, async (c) => {
    const principal = c.get("principal");
    const own = affiliateScope(principal);
    const row = await getConversion(c.get("db"), principal.tenantId, c.req.valid("param").id, own);
    if (!row) return problemFor(c, "not_found", { detail: "No order with this id in your account." });
    return c.json(toConversionView(row, own), 200);
  });
}
