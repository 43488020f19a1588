import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { affiliateScope, can } from "../../../../../../core/auth/access";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, conflictError, notFoundError, standardErrors, unprocessableError } from "../../../lib/openapi-common";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { join } from "../../../services/memberships";
import { memberSchema, applicationBody } from "./members-schema";
import { toMemberView } from "./members";
import { campaignIdParams } from "./schema";

const member = { content: { "application/json": { schema: memberSchema } } };

const route = createRoute({
  method: "post",
  path: "/v1/campaigns/{id}/applications",
  tags: ["Campaigns"],
  summary: "Apply to a campaign, or add an affiliate to it",
  description:
    "An affiliate user applies for itself: the membership is pending until the merchant decides; once rejected it cannot apply again. A merchant caller (with `affiliates:write`) names the affiliate, who is approved at once.",
  security: bearerAuth,
  // Everyone who may read campaigns reaches this; merchants additionally need affiliates:write (checked below).
  middleware: [authenticate({ permission: "campaigns:read" })] as const,
  request: { params: campaignIdParams, body: { required: true, content: { "application/json": { schema: applicationBody } } } },
  responses: {
    200: { description: "Already applied or a member: the membership as it is now", ...member },
    201: { description: "The new membership", ...member },
    ...standardErrors,
    ...notFoundError,
    ...conflictError,
    ...unprocessableError,
  },
});

export function registerApplications(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(route, async (c) => {
    const principal = c.get("principal");
    const scope = affiliateScope(principal);
    const requested = c.req.valid("json").affiliateId;
    const campaignId = c.req.valid("param").id;
    if (scope !== null && requested !== undefined && requested !== scope) {
      // Another affiliate's id: answered like an unknown one, so ids of others do not leak.
      return problemFor(c, "not_found", { detail: "No affiliate with this id in your account." });
    }
    if (scope === null && !can(principal, "affiliates:write")) {
      return problemFor(c, "forbidden", { detail: "Adding an affiliate to a campaign needs the `affiliates:write` permission." });
    }
    const affiliateId = scope ?? requested;
    if (!affiliateId) return problemFor(c, "validation_failed", { errors: [{ pointer: "/body/affiliateId", detail: "required when a merchant adds an affiliate" }] });

    const result = await join(c.get("db"), principal.tenantId, campaignId, affiliateId, scope === null ? "merchant" : "affiliate");
    if (!result.ok) {
      const { code, detail, pointer } = result.error;
      const errors = pointer && scope === null ? [{ pointer, detail }] : undefined;
      if (code === "conflict") return problemFor(c, "conflict", { detail });
      if (code === "unprocessable") return problemFor(c, "unprocessable", { detail, errors });
      return problemFor(c, "not_found", { detail });
    }
    const { member: row, created } = result.value;
    return created ? c.json(toMemberView(row), 201) : c.json(toMemberView(row), 200);
  });
}
