import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, conflictError, standardErrors, unprocessableError } from "../../../lib/openapi-common";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { refreshLinkCache } from "../../../services/link-cache";
import { createLink } from "../../../services/links";
import { createLinkBody, linkSchema } from "./schema";
import { toLinkView } from "./view";

const route = createRoute({
  method: "post",
  path: "/v1/links",
  tags: ["Links"],
  summary: "Create an affiliate link",
  security: bearerAuth,
  middleware: [authenticate({ permission: "links:write" })] as const,
  request: { body: { required: true, content: { "application/json": { schema: createLinkBody } } } },
  responses: {
    201: { description: "The link, with the URL to share", content: { "application/json": { schema: linkSchema } } },
    ...standardErrors,
    ...conflictError,
    ...unprocessableError,
  },
});

export function registerCreateLink(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(route, async (c) => {
    const db = c.get("db");
    const result = await createLink(db, c.get("principal").tenantId, c.req.valid("json"), c.env.DEFAULT_LINK_DOMAIN);
    if (!result.ok) {
      const { code, detail, pointer } = result.error;
      return problemFor(c, code, { detail, errors: pointer ? [{ pointer, detail }] : undefined });
    }
    const link = result.value;
    // The cache entry is read across tenants by the redirect, so it is written outside the tenant scope.
    c.executionCtx.waitUntil(refreshLinkCache(c.get("database").db, c.env.EDGE_CACHE, link.domain, link.code).catch(() => {}));
    return c.json(toLinkView(c.env, link), 201, { location: `/v1/links/${link.id}` });
  });
}
