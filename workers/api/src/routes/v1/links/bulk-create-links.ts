import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, conflictError, standardErrors, unprocessableError } from "../../../lib/openapi-common";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { createLinks } from "../../../services/link-bulk";
import { refreshLinkAfterCommit } from "../../../services/link-cache";
import { affiliateRequired, manyLinks } from "./affiliate-required";
import { bulkCreateLinksBody, bulkLinksSchema, MAX_BULK_LINKS } from "./bulk-schema";
import { toLinkView } from "./view";

const route = createRoute({
  method: "post",
  path: "/v1/links/bulk",
  tags: ["Links"],
  summary: `Create up to ${MAX_BULK_LINKS} links at once, all or nothing`,
  description:
    "Each item is what `POST /v1/links` takes. Either every link is created (201, in the order asked for) or none is: the first item that cannot be created is answered as a problem whose `errors[].pointer` names it (`/body/links/7/code`). Codes repeated within the request, in any case, are a 400.",
  security: bearerAuth,
  middleware: [authenticate({ permission: "links:write" })] as const,
  request: { body: { required: true, content: { "application/json": { schema: bulkCreateLinksBody } } } },
  responses: {
    201: { description: "Every link, with the URL to share", content: { "application/json": { schema: bulkLinksSchema } } },
    ...standardErrors,
    ...conflictError,
    ...unprocessableError,
  },
});

export function registerBulkCreateLinks(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(
    route,
    async (c) => {
      const result = await createLinks(c.get("db"), c.get("principal"), c.req.valid("json").links, c.env.DEFAULT_LINK_DOMAIN);
      if (!result.ok) {
        const { code, detail, pointer } = result.error;
        return problemFor(c, code, { detail, errors: pointer ? [{ pointer, detail }] : undefined });
      }
      // Lookups of these codes before they existed may have cached them as missing.
      refreshLinkAfterCommit(c, result.value);
      return c.json({ items: result.value.map((r) => toLinkView(c.env, r)) }, 201);
    },
    affiliateRequired(manyLinks),
  );
}
