import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, conflictError, notFoundError, standardErrors, unprocessableError } from "../../../lib/openapi-common";
import { toPage } from "../../../lib/pagination";
import { problemForError } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { inviteUser, listUsers, updateUser } from "../../../services/users";
import { invitedUserSchema, inviteUserBody, updateUserBody, userIdParams, userListSchema, userQuery, userSchema } from "./schema";
import { toUserView } from "./view";

const list = createRoute({
  method: "get",
  path: "/v1/users",
  tags: ["Users"],
  summary: "Your team and affiliate users",
  security: bearerAuth,
  middleware: [authenticate({ permission: "users:read" })] as const,
  request: { query: userQuery },
  responses: { 200: { description: "A page of users", content: { "application/json": { schema: userListSchema } } }, ...standardErrors },
});

const invite = createRoute({
  method: "post",
  path: "/v1/users",
  tags: ["Users"],
  summary: "Invite someone: returns a one-time invite token",
  description: "Roles: owner, admin, analyst (read-only), affiliate_manager, affiliate (needs `affiliateId`). Only owners may invite owners.",
  security: bearerAuth,
  middleware: [authenticate({ permission: "users:write" })] as const,
  request: { body: { required: true, content: { "application/json": { schema: inviteUserBody } } } },
  responses: {
    201: { description: "The invited user and the token to send them", content: { "application/json": { schema: invitedUserSchema } } },
    ...standardErrors,
    ...conflictError,
    ...unprocessableError,
  },
});

const update = createRoute({
  method: "patch",
  path: "/v1/users/{id}",
  tags: ["Users"],
  summary: "Rename, change the role of, disable or re-enable a user",
  description: "Disabling signs the user out everywhere at once. The last active owner cannot be demoted or disabled.",
  security: bearerAuth,
  middleware: [authenticate({ permission: "users:write" })] as const,
  request: { params: userIdParams, body: { required: true, content: { "application/json": { schema: updateUserBody } } } },
  responses: { 200: { description: "The user", content: { "application/json": { schema: userSchema } } }, ...standardErrors, ...notFoundError, ...conflictError },
});

export function registerUsers(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    return c.json(toPage(await listUsers(c.get("db"), c.get("principal").tenantId, q), q.limit, toUserView), 200);
  });
  app.openapi(invite, async (c) => {
    const result = await inviteUser(c.get("db"), c.get("principal"), c.req.valid("json"));
    if (!result.ok) return problemForError(c, result.error);
    const { user, inviteToken } = result.value;
    return c.json({ user: toUserView(user), inviteToken, inviteExpiresAt: user.inviteExpiresAt!.toISOString() }, 201, { location: `/v1/users/${user.id}`, "cache-control": "no-store" });
  });
  app.openapi(update, async (c) => {
    const result = await updateUser(c.get("db"), c.get("principal"), c.req.valid("param").id, c.req.valid("json"));
    if (!result.ok) return problemForError(c, result.error);
    return c.json(toUserView(result.value), 200);
  });
}
