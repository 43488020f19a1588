import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, standardErrors } from "../../../lib/openapi-common";
import { authenticate } from "../../../middleware/authenticate";
import { createCampaign } from "../../../services/campaigns";
import { campaignSchema, createCampaignBody } from "./schema";
import { toCampaignView } from "./view";

const route = createRoute({
  method: "post",
  path: "/v1/campaigns",
  tags: ["Campaigns"],
  summary: "Create a campaign",
  description: "Settings left out take their defaults: 30-day windows, last click, 10% of the order, default fraud limits.",
  security: bearerAuth,
  middleware: [authenticate({ permission: "campaigns:write" })] as const,
  request: { body: { required: true, content: { "application/json": { schema: createCampaignBody } } } },
  responses: {
    201: { description: "The campaign", content: { "application/json": { schema: campaignSchema } } },
    ...standardErrors,
  },
});

export function registerCreateCampaign(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(route, async (c) => {
    const row = await createCampaign(c.get("db"), c.get("principal").tenantId, c.req.valid("json"));
    return c.json(toCampaignView({ row, membershipStatus: null }, false), 201, { location: `/v1/campaigns/${row.id}` });
  });
}
