import { z } from "@hono/zod-openapi";
import { PERMISSIONS, type Permission } from "../../../../../../core/auth/access";
import { idParam, label } from "../../../lib/fields";
import { pageOf, pageQuery } from "../../../lib/pagination";
import { instantSchema } from "../../../../../../core/schemas/instant";
import { strictBody } from "../../../lib/strict-body";

/**
 * A stored key with no scopes may do everything (core/auth/access.ts), so `[]` sent by a caller who meant
 * "nothing" or "I'll pick later" would make a key with full power: an explicit list must name a scope.
 */
const scopes = z
  .array(z.enum(PERMISSIONS as [Permission, ...Permission[]]))
  .min(1, "name at least one scope, or leave scopes out for a key with every permission")
  .max(PERMISSIONS.length)
  .openapi({ description: "Permissions of the key (`links:write`, `conversions:write`, ...), at least one. Omitted: everything you may do yourself. An empty list is refused.", example: ["conversions:write"] });

export const apiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().openapi({ description: "The first characters of the key, to tell keys apart" }),
    scopes: z.array(z.string()),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi("ApiKey");

export const apiKeyListSchema = pageOf(apiKeySchema, "ApiKeyList");
export const apiKeyQuery = z.object({
  includeRevoked: z.enum(["true", "false"]).default("false").openapi({ param: { name: "includeRevoked", in: "query" } }),
  ...pageQuery,
});

export const createApiKeyBody = strictBody({
  name: label(100),
  scopes: scopes.optional(),
  expiresAt: instantSchema.optional().openapi({ description: "When the key stops working; never when omitted" }),
})
  .openapi("CreateApiKey");

export const rotateApiKeyBody = strictBody({
  graceSeconds: z.number().int().min(0).max(7 * 86_400).default(0).openapi({ description: "How long the old key keeps working, so deployments can switch over; 0 revokes it at once" }),
})
  .openapi("RotateApiKey");

export const createdApiKeySchema = z
  .object({ apiKey: apiKeySchema, key: z.string().openapi({ description: "The secret key. Shown once: store it now." }) })
  .openapi("CreatedApiKey");

export const apiKeyIdParams = z.object({ id: idParam("apiKey", "key_01JB8Z5Q3X0000000000000000") });
