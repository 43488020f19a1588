import { z } from "@hono/zod-openapi";
import { isId } from "../../../../../../core/ids";
import { ROLES } from "../../../../../../core/auth/access";
import { email } from "../auth/schema";
import { idParam, label } from "../../../lib/fields";
import { pageOf, pageQuery } from "../../../lib/pagination";
import { strictBody } from "../../../lib/strict-body";

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.enum(ROLES),
    affiliateId: z.string().nullable(),
    status: z.enum(["active", "disabled"]),
    invitePending: z.boolean(),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("User");

export const userListSchema = pageOf(userSchema, "UserList");

export const userQuery = z.object({
  role: z.enum(ROLES).optional().openapi({ param: { name: "role", in: "query" } }),
  ...pageQuery,
});

export const inviteUserBody = strictBody({
  email,
  name: label(200).optional(),
  role: z.enum(ROLES),
  affiliateId: z
    .string()
    .refine((v) => isId("affiliate", v), "expected an affiliate id (aff_...)")
    .optional()
    .openapi({ description: "Required for role `affiliate`: whose data the user sees." }),
})
  .openapi("InviteUser");

export const invitedUserSchema = z
  .object({
    user: userSchema,
    inviteToken: z.string().openapi({ description: "Shown once. The person accepts with POST /v1/auth/accept-invite within 7 days." }),
    inviteExpiresAt: z.string(),
  })
  .openapi("InvitedUser");

export const updateUserBody = strictBody({ name: label(200).optional(), role: z.enum(ROLES).optional(), status: z.enum(["active", "disabled"]).optional() })
  .refine((b) => Object.keys(b).length > 0, "send at least one field to change")
  .openapi("UpdateUser");

export const userIdParams = z.object({ id: idParam("user", "usr_01JB8Z5Q3X0000000000000000") });
