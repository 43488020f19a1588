import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, notFoundError, standardErrors, unprocessableError } from "../../../lib/openapi-common";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { updateAffiliate } from "../../../services/affiliates";
import { refreshLinkCachesAfterCommit } from "../../../services/link-cache";
import { affiliateIdParams, affiliateSchema, updateAffiliateBody } from "./schema";
import { toAffiliateView } from "./view";

const route = createRoute({
  method: "patch",
  path: "/v1/affiliates/{id}",
  tags: ["Affiliates"],
  summary: "Rename, regroup, approve, suspend or reactivate an affiliate",
  description: "Only the fields sent change. A status change reaches the affiliate's links within seconds: suspended affiliates' links send shoppers on without tracking.",
  security: bearerAuth,
  middleware: [authenticate({ permission: "affiliates:write" })] as const,
  request: { params: affiliateIdParams, body: { required: true, content: { "application/json": { schema: updateAffiliateBody } } } },
  responses: {
    200: { description: "The affiliate as it is now", content: { "application/json": { schema: affiliateSchema } } },
    ...standardErrors,
    ...notFoundError,
    ...unprocessableError,
  },
});

export function registerUpdateAffiliate(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(route, async (c) => {
    const tenantId = c.get("principal").tenantId;
    const result = await updateAffiliate(c.get("db"), tenantId, c.req.valid("param").id, c.req.valid("json"));
    if (!result.ok) {
      const { code, detail, pointer } = result.error;
      if (code === "unprocessable") return problemFor(c, "unprocessable", { detail, errors: pointer ? [{ pointer, detail }] : undefined });
      return problemFor(c, "not_found", { detail });
    }
    const { row, statusChanged } = result.value;
    if (statusChanged) refreshLinkCachesAfterCommit(c, { affiliateId: row.id });
    return c.json(toAffiliateView(row), 200);
  });
}
