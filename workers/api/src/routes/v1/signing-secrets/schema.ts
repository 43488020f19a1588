import { z } from "@hono/zod-openapi";
import type { Permission } from "../../../../../../core/auth/access";
import { idParam } from "../../../lib/fields";
import { pageOf, pageQuery } from "../../../lib/pagination";
import { strictBody } from "../../../lib/strict-body";

/**
 * What the ingest Worker checks a signed request for (workers/ingest/src/middleware/server-auth.ts): only
 * its server-to-server endpoints accept signatures, so any other scope would be a permission nothing uses.
 */
export const SIGNING_SCOPES = ["conversions:write"] as const satisfies readonly Permission[];

export const signingSecretSchema = z
  .object({
    id: z.string().openapi({ description: "Send it as `Indica-Key-Id`", example: "sgs_01JB8Z5Q3X0000000000000000" }),
    scopes: z.array(z.string()),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .openapi("SigningSecret");

export const signingSecretListSchema = pageOf(signingSecretSchema, "SigningSecretList");
export const signingSecretQuery = z.object({
  includeRevoked: z.enum(["true", "false"]).default("false").openapi({ param: { name: "includeRevoked", in: "query" } }),
  ...pageQuery,
});

export const createSigningSecretBody = strictBody({
  scopes: z
    .array(z.enum(SIGNING_SCOPES))
    .min(1)
    .max(SIGNING_SCOPES.length)
    .default([...SIGNING_SCOPES])
    .openapi({ description: "What signed requests may do: `conversions:write` (conversions and refunds). You must hold each scope yourself." }),
})
  .openapi("CreateSigningSecret");

export const createdSigningSecretSchema = signingSecretSchema
  .extend({ secret: z.string().openapi({ description: "The HMAC key (`sgsec_...`, the whole string). Shown once: store it now." }) })
  .openapi("CreatedSigningSecret");

export const signingSecretIdParams = z.object({ id: idParam("signingSecret", "sgs_01JB8Z5Q3X0000000000000000") });
