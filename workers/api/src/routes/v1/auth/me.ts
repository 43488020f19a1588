import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { PERMISSIONS, can } from "../../../../../../core/auth/access";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, standardErrors } from "../../../lib/openapi-common";
import { authenticate } from "../../../middleware/authenticate";
import { logout } from "../../../services/sessions";
import { meSchema } from "./schema";

const meRoute = createRoute({
  method: "get",
  path: "/v1/me",
  tags: ["Auth"],
  summary: "Who is calling, and what they may do",
  security: bearerAuth,
  middleware: [authenticate({})] as const,
  responses: { 200: { description: "The caller", content: { "application/json": { schema: meSchema } } }, ...standardErrors },
});

const logoutRoute = createRoute({
  method: "post",
  path: "/v1/auth/logout",
  tags: ["Auth"],
  summary: "End the current session",
  description: "Revokes the session behind the access token: its refresh token stops working and so does the access token, at once.",
  security: bearerAuth,
  middleware: [authenticate({})] as const,
  responses: { 204: { description: "Signed out" }, ...standardErrors },
});

export function registerMe(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(meRoute, (c) => {
    const p = c.get("principal");
    const permissions = PERMISSIONS.filter((perm) => can(p, perm));
    if (p.kind === "api_key") return c.json({ kind: p.kind, tenantId: p.tenantId, keyId: p.keyId, permissions }, 200);
    return c.json({ kind: p.kind, tenantId: p.tenantId, user: { id: p.userId, tenantId: p.tenantId, role: p.role, affiliateId: p.affiliateId }, permissions }, 200);
  });

  app.openapi(logoutRoute, async (c) => {
    const p = c.get("principal");
    // An API key has no session; signing out is a no-op for it rather than an error.
    if (p.kind === "user") await logout(c.get("db"), p.sessionId);
    return c.body(null, 204);
  });
}
