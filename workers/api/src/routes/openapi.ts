import type { OpenAPIHono } from "@hono/zod-openapi";
import type { ApiHonoEnv } from "../env";

export const OPENAPI_INFO = {
  title: "Indica API",
  version: "1.0.0",
  description:
    "Affiliate tracking for e-commerce: links, clicks, conversions, commissions and payouts. " +
    "Authenticate with `Authorization: Bearer <token>`: an API key (`ik_...`) for server-to-server calls, or the access token from `POST /v1/auth/login` for people. " +
    "Errors are RFC 9457 problem details. Lists are paged with `cursor`/`nextCursor`; POSTs accept an `Idempotency-Key`; every response carries `RateLimit-*` headers.",
};

export function registerOpenApi(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description: "An API key (`ik_...`, shown once when created) or a session access token (JWT) from `POST /v1/auth/login`.",
  });
  app.doc31("/openapi.json", { openapi: "3.1.0", info: OPENAPI_INFO, servers: [{ url: "/" }] });
}
