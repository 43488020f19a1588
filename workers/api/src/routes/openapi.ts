import type { OpenAPIHono } from "@hono/zod-openapi";
import type { ApiHonoEnv } from "../env";

export const OPENAPI_INFO = {
  title: "Indica API",
  version: "1.0.0",
  description:
    "Affiliate tracking for e-commerce: links, clicks, conversions, commissions and payouts. " +
    "Authenticate with `Authorization: Bearer <API key>`. Errors are RFC 9457 problem details.",
};

export function registerOpenApi(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description: "An API key created in the dashboard (`ik_...`). Keys are shown once.",
  });
  app.doc31("/openapi.json", { openapi: "3.1.0", info: OPENAPI_INFO, servers: [{ url: "/" }] });
}
