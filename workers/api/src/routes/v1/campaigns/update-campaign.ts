import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, notFoundError, standardErrors } from "../../../lib/openapi-common";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { updateCampaign } from "../../../services/campaigns";
import { refreshLinkCachesAfterCommit } from "../../../services/link-cache";
import { campaignIdParams, campaignSchema, updateCampaignBody } from "./schema";
import { toCampaignView } from "./view";

const route = createRoute({
  method: "patch",
  path: "/v1/campaigns/{id}",
  tags: ["Campaigns"],
  summary: "Change a campaign's settings or status",
  description:
    "Only the fields sent change. New commission rules get the next `version`; commissions already computed keep theirs. Pausing or archiving stops tracking on the campaign's links within seconds (shoppers are still sent on).",
  security: bearerAuth,
  middleware: [authenticate({ permission: "campaigns:write" })] as const,
  request: { params: campaignIdParams, body: { required: true, content: { "application/json": { schema: updateCampaignBody } } } },
  responses: { 200: { description: "The campaign as it is now", content: { "application/json": { schema: campaignSchema } } }, ...standardErrors, ...notFoundError },
});

export function registerUpdateCampaign(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(route, async (c) => {
    const tenantId = c.get("principal").tenantId;
    const result = await updateCampaign(c.get("db"), tenantId, c.req.valid("param").id, c.req.valid("json"));
    if (!result.ok) return problemFor(c, "not_found", { detail: result.error.detail });
    const { row, trackingChanged } = result.value;
    if (trackingChanged) refreshLinkCachesAfterCommit(c, { campaignId: row.id });
    return c.json(toCampaignView({ row, membershipStatus: null }, false), 200);
  });
}
