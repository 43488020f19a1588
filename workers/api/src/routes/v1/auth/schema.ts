import { z } from "@hono/zod-openapi";
import { ROLES } from "../../../../../../core/auth/access";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../../../../../core/auth/password";
import { currencySchema } from "../../../../../../core/money";
import { label, timeZone } from "../../../lib/fields";
import { strictBody } from "../../../lib/strict-body";

export const email = z.string().trim().max(254).email();
export const password = z.string().min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`).max(PASSWORD_MAX_LENGTH);

export const loginBody = strictBody({
  email,
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  tenant: z.string().min(1).max(64).optional().openapi({ description: "The merchant's slug; only needed when the same credentials fit several merchants." }),
})
  .openapi("LoginRequest");

export const refreshBody = strictBody({ refreshToken: z.string().min(1).max(200) }).openapi("RefreshRequest");

export const acceptInviteBody = strictBody({ token: z.string().min(1).max(200), password, name: z.string().trim().min(1).max(200).optional() })
  .openapi("AcceptInviteRequest");

export const sessionUserSchema = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.enum(ROLES),
    affiliateId: z.string().nullable(),
  })
  .openapi("SessionUser");

export const sessionTenantSchema = z
  .object({
    id: z.string(),
    slug: z.string().openapi({ description: "The merchant's short name: what `POST /v1/auth/login` takes as `tenant` when your email has accounts at several merchants" }),
    name: z.string(),
  })
  .openapi("SessionTenant");

export const sessionSchema = z
  .object({
    tokenType: z.literal("Bearer"),
    accessToken: z.string().openapi({ description: "A JWT for `Authorization: Bearer`, valid for `expiresIn` seconds." }),
    expiresIn: z.number().int(),
    refreshToken: z.string().openapi({ description: "Single use: each refresh returns a new one. Presenting a used one ends the session." }),
    user: sessionUserSchema,
    tenant: sessionTenantSchema.openapi({ description: "The merchant this session is signed in to" }),
  })
  .openapi("Session");

export const meSchema = z
  .object({
    kind: z.enum(["api_key", "user"]),
    tenantId: z.string(),
    keyId: z.string().optional(),
    user: sessionUserSchema.omit({ email: true, name: true }).optional(),
    permissions: z.array(z.string()),
  })
  .openapi("Me");

export const signupBody = strictBody({
  merchantName: label(200).openapi({ example: "Loja da Ana" }),
  slug: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{1,46}[a-z0-9])$/, "3-48 lowercase letters, digits and dashes").optional().openapi({ description: "Your account's short name; made from the merchant name when omitted" }),
  email,
  password,
  name: label(200).optional(),
  defaultCurrency: currencySchema.optional(),
  timezone: timeZone.optional(),
})
  .openapi("SignupRequest");
