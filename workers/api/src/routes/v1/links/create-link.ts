import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, conflictError, standardErrors, unprocessableError } from "../../../lib/openapi-common";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { refreshLinkAfterCommit } from "../../../services/link-cache";
import { linkFor } from "../../../services/link-access";
import { createLink } from "../../../services/links";
import { affiliateRequired, oneLink } from "./affiliate-required";
import { createLinkBody, linkSchema } from "./schema";
import { toLinkView } from "./view";

const route = createRoute({
  method: "post",
  path: "/v1/links",
  tags: ["Links"],
  summary: "Create an affiliate link",
  description:
    "Merchants create links for any active affiliate (admitting them to the campaign). Affiliate users create links only for themselves, in campaigns that approved them; `affiliateId` may then be left out.",
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
    const principal = c.get("principal");
    const input = await linkFor(db, principal, c.req.valid("json"));
    const result = input.ok ? await createLink(db, principal.tenantId, input.value, c.env.DEFAULT_LINK_DOMAIN) : input;
    if (!result.ok) {
      const { code, detail, pointer } = result.error;
      return problemFor(c, code, { detail, errors: pointer ? [{ pointer, detail }] : undefined });
    }
    const link = result.value;
    // A lookup of this code before it existed may have cached it as missing.
    refreshLinkAfterCommit(c, [link]);
    return c.json(toLinkView(c.env, link), 201, { location: `/v1/links/${link.id}` });
  }, affiliateRequired(oneLink));
}
