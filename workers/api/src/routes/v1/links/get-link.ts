import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { affiliateScope } from "../../../../../../core/auth/access";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, notFoundError, standardErrors } from "../../../lib/openapi-common";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { getLink } from "../../../services/links";
import { linkIdParams, linkSchema } from "./schema";
import { toLinkView } from "./view";

const route = createRoute({
  method: "get",
  path: "/v1/links/{id}",
  tags: ["Links"],
  summary: "Get a link",
  security: bearerAuth,
  middleware: [authenticate({ permission: "links:read" })] as const,
  request: { params: linkIdParams },
  responses: {
    200: { description: "The link", content: { "application/json": { schema: linkSchema } } },
    ...standardErrors,
    ...notFoundError,
  },
});

export function registerGetLink(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(route, async (c) => {
    const principal = c.get("principal");
    const row = await getLink(c.get("db"), principal.tenantId, c.req.valid("param").id, affiliateScope(principal));
    if (!row) return problemFor(c, "not_found", { detail: "No link with this id in your account." });
    return c.json(toLinkView(c.env, row), 200);
  });
}
