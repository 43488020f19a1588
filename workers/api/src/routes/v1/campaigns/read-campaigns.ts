import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { affiliateScope } from "../../../../../../core/auth/access";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, notFoundError, standardErrors } from "../../../lib/openapi-common";
import { toPage } from "../../../lib/pagination";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { getCampaign, listCampaigns } from "../../../services/campaigns";
import { campaignIdParams, campaignListSchema, campaignQuery, campaignSchema } from "./schema";
import { toCampaignView } from "./view";

const AFFILIATE_NOTE = "Affiliate users see only campaigns they belong to or applied to, without fraud settings.";

const list = createRoute({
  method: "get",
  path: "/v1/campaigns",
  tags: ["Campaigns"],
  summary: "Campaigns, oldest first, filtered by status",
  description: AFFILIATE_NOTE,
  security: bearerAuth,
  middleware: [authenticate({ permission: "campaigns:read" })] as const,
  request: { query: campaignQuery },
  responses: { 200: { description: "A page", content: { "application/json": { schema: campaignListSchema } } }, ...standardErrors },
});

const get = createRoute({
  method: "get",
  path: "/v1/campaigns/{id}",
  tags: ["Campaigns"],
  summary: "Get a campaign",
  description: AFFILIATE_NOTE,
  security: bearerAuth,
  middleware: [authenticate({ permission: "campaigns:read" })] as const,
  request: { params: campaignIdParams },
  responses: { 200: { description: "The campaign", content: { "application/json": { schema: campaignSchema } } }, ...standardErrors, ...notFoundError },
});

export function registerReadCampaigns(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    const principal = c.get("principal");
    const scope = affiliateScope(principal);
    const rows = await listCampaigns(c.get("db"), principal.tenantId, scope, q);
    return c.json(toPage(rows.map((r) => ({ id: r.row.id, ...r })), q.limit, (r) => toCampaignView(r, scope !== null)), 200);
  });

  app.openapi(get, async (c) => {
    const principal = c.get("principal");
    const scope = affiliateScope(principal);
    const found = await getCampaign(c.get("db"), principal.tenantId, scope, c.req.valid("param").id);
    if (!found) return problemFor(c, "not_found", { detail: "No campaign with this id in your account." });
    return c.json(toCampaignView(found, scope !== null), 200);
  });
}
