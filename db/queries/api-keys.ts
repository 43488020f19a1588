import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import { API_KEY_PATTERN, hashApiKey } from "../../core/api-key";
import type { Principal } from "../../core/auth/access";
import type { Database } from "../client";
import { apiKeys, signingSecrets } from "../schema";

/** A caller authenticated by an API key: everything it does is scoped to this tenant. */
export type ApiKeyPrincipal = Extract<Principal, { kind: "api_key" }>;

/** The principal behind a key, or null when the key is malformed, unknown, revoked or expired. */
export async function verifyApiKey(db: Database, key: string): Promise<ApiKeyPrincipal | null> {
  if (!API_KEY_PATTERN.test(key)) return null;
  const keyHash = await hashApiKey(key);
  const rows = await db
    .select({ id: apiKeys.id, tenantId: apiKeys.tenantId, scopes: apiKeys.scopes })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql`now()`))))
    .limit(1);
  const row = rows[0];
  return row ? { kind: "api_key", tenantId: row.tenantId, keyId: row.id, scopes: row.scopes } : null;
}

/** Records use at most once a minute per key: a write on every request would cost more than it tells. */
export async function touchApiKey(db: Database, keyId: string): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiKeys.id, keyId), or(isNull(apiKeys.lastUsedAt), sql`${apiKeys.lastUsedAt} < now() - interval '1 minute'`)));
}

/** The sealed secret and principal behind a signing key id, or null when unknown or revoked. */
export async function findSigningSecret(db: Database, id: string): Promise<{ sealedSecret: string; principal: ApiKeyPrincipal } | null> {
  const [row] = await db
    .select({ id: signingSecrets.id, tenantId: signingSecrets.tenantId, scopes: signingSecrets.scopes, sealedSecret: signingSecrets.sealedSecret })
    .from(signingSecrets)
    .where(and(eq(signingSecrets.id, id), isNull(signingSecrets.revokedAt)));
  return row ? { sealedSecret: row.sealedSecret, principal: { kind: "api_key", tenantId: row.tenantId, keyId: row.id, scopes: row.scopes } } : null;
}
