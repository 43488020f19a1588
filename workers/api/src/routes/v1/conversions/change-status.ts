import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, conflictError, notFoundError, standardErrors } from "../../../lib/openapi-common";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { changeOrderStatus } from "../../../services/conversion-status";
import { getConversion } from "../../../services/conversions";
import { conversionIdParams, conversionSchema, statusChangeBody } from "./schema";
import { toConversionView } from "./view";

const route = createRoute({
  method: "post",
  path: "/v1/conversions/{id}/status",
  tags: ["Conversions"],
  summary: "Move an order to paid, fulfilled or cancelled",
  description:
    "Forward only: placed → paid → fulfilled, or cancelled from any of them; asking for the current status changes nothing. Cancelling takes back all the order's commissions, as a cancellation from your server does: pending ones are reversed, approved ones are debited from the affiliate's balance, paid ones are clawed back from the next payout.",
  security: bearerAuth,
  middleware: [authenticate({ permission: "conversions:write" })] as const,
  request: { params: conversionIdParams, body: { required: true, content: { "application/json": { schema: statusChangeBody } } } },
  responses: {
    200: { description: "The order as it is now", content: { "application/json": { schema: conversionSchema } } },
    ...standardErrors,
    ...notFoundError,
    ...conflictError,
  },
});

export function registerChangeConversionStatus(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(route, async (c) => {
    const { tenantId } = c.get("principal");
    const { id } = c.req.valid("param");
    const result = await changeOrderStatus(c.get("db"), tenantId, id, c.req.valid("json").status);
    if (!result.ok) {
      const { code, detail, pointer } = result.error;
      return problemFor(c, code, { detail, errors: pointer ? [{ pointer, detail }] : undefined });
    }
    const row = await getConversion(c.get("db"), tenantId, id, null);
    return c.json(toConversionView(row!, null), 200);
  });
}
