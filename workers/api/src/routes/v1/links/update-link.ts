import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { affiliateScope } from "../../../../../../core/auth/access";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, notFoundError, standardErrors, unprocessableError } from "../../../lib/openapi-common";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { refreshLinkAfterCommit } from "../../../services/link-cache";
import { updateLink } from "../../../services/link-list";
import { linkIdParams, linkSchema } from "./schema";
import { updateLinkBody } from "./update-schema";
import { toLinkView } from "./view";

const route = createRoute({
  method: "patch",
  path: "/v1/links/{id}",
  tags: ["Links"],
  summary: "Change a link's destination, status or sub-ids",
  description:
    "The redirect sees the change at once (its cache is rewritten). Affiliate users change only their own links. A new `destinationUrl` must be on one of the merchant's sites, as on creation (422 otherwise; `GET /v1/links/destination-hosts`).",
  security: bearerAuth,
  middleware: [authenticate({ permission: "links:write" })] as const,
  request: { params: linkIdParams, body: { required: true, content: { "application/json": { schema: updateLinkBody } } } },
  responses: {
    200: { description: "The link as it is now", content: { "application/json": { schema: linkSchema } } },
    ...standardErrors,
    ...notFoundError,
    ...unprocessableError,
  },
});

export function registerUpdateLink(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(route, async (c) => {
    const principal = c.get("principal");
    const result = await updateLink(c.get("db"), principal.tenantId, c.req.valid("param").id, c.req.valid("json"), affiliateScope(principal));
    if (!result.ok) {
      const { code, detail, pointer } = result.error;
      return problemFor(c, code, { detail, errors: pointer ? [{ pointer, detail }] : undefined });
    }
    const link = result.value;
    refreshLinkAfterCommit(c, [link]);
    return c.json(toLinkView(c.env, link), 200);
  });
}
