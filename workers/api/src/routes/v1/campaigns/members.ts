import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { affiliateScope } from "../../../../../../core/auth/access";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, notFoundError, standardErrors } from "../../../lib/openapi-common";
import { toPage } from "../../../lib/pagination";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { decideMembership, listMembers, type MemberRow } from "../../../services/memberships";
import { MEMBERSHIP_STATUSES, memberListSchema, memberParams, memberQuery, memberSchema, type MemberView } from "./members-schema";
import { campaignIdParams } from "./schema";

const list = createRoute({
  method: "get",
  path: "/v1/campaigns/{id}/affiliates",
  tags: ["Campaigns"],
  summary: "The campaign's affiliates and applications, filtered by membership status",
  security: bearerAuth,
  middleware: [authenticate({ permission: "affiliates:read" })] as const,
  request: { params: campaignIdParams, query: memberQuery },
  responses: { 200: { description: "A page, by affiliate id", content: { "application/json": { schema: memberListSchema } } }, ...standardErrors, ...notFoundError },
});

const decide = createRoute({
  method: "post",
  path: "/v1/campaigns/{id}/affiliates/{affiliateId}/{decision}",
  tags: ["Campaigns"],
  summary: "Approve or reject an affiliate in a campaign",
  description: "Works on applications and on members alike: rejecting an approved affiliate takes it out of the campaign.",
  security: bearerAuth,
  middleware: [authenticate({ permission: "affiliates:write" })] as const,
  request: { params: memberParams },
  responses: { 200: { description: "The membership as it is now", content: { "application/json": { schema: memberSchema } } }, ...standardErrors, ...notFoundError },
});

export function toMemberView(row: MemberRow): MemberView {
  const status = (MEMBERSHIP_STATUSES as readonly string[]).includes(row.status) ? (row.status as MemberView["status"]) : "pending";
  return { ...row, id: row.affiliateId, status, createdAt: row.createdAt.toISOString() };
}

export function registerCampaignMembers(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    const principal = c.get("principal");
    const rows = await listMembers(c.get("db"), principal.tenantId, c.req.valid("param").id, q, affiliateScope(principal));
    if (!rows) return problemFor(c, "not_found", { detail: "No campaign with this id in your account." });
    return c.json(toPage(rows.map((r) => ({ ...r, id: r.affiliateId })), q.limit, toMemberView), 200);
  });

  app.openapi(decide, async (c) => {
    const { id, affiliateId, decision } = c.req.valid("param");
    const row = await decideMembership(c.get("db"), c.get("principal").tenantId, id, affiliateId, decision);
    if (!row) return problemFor(c, "not_found", { detail: "This affiliate has not applied to or joined this campaign of your account." });
    return c.json(toMemberView(row), 200);
  });
}
