/**
 * API keys of a merchant. A caller may only hand out what it holds itself: a scoped key cannot mint a
 * broader one, which would turn `api_keys:write` into every permission.
 */
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import { can, PERMISSIONS, type Permission, type Principal } from "../../../../core/auth/access";
import { apiKeyPrefix, generateApiKey, hashApiKey } from "../../../../core/api-key";
import { newId } from "../../../../core/ids";
import { fail, ok, type Result } from "../../../../core/result";
import type { Executor } from "../../../../db/client";
import { apiKeys } from "../../../../db/schema";

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export async function listApiKeys(db: Executor, tenantId: string, q: { includeRevoked: "true" | "false"; limit: number; cursor?: string }): Promise<ApiKeyRow[]> {
  return db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, tenantId), q.includeRevoked === "true" ? undefined : isNull(apiKeys.revokedAt), q.cursor ? gt(apiKeys.id, q.cursor) : undefined))
    .orderBy(asc(apiKeys.id))
    .limit(q.limit + 1);
}

/** The scopes as asked, when the caller holds every one of them (none asked: everything there is). */
export function grantable(principal: Principal, scopes: Permission[]): Result<Permission[]> {
  const wanted = scopes.length > 0 ? scopes : PERMISSIONS;
  const missing = wanted.filter((p) => !can(principal, p));
  if (missing.length > 0) return fail("forbidden", `You cannot grant permissions you do not hold: ${missing.join(", ")}.`);
  return ok(scopes);
}

async function insertKey(db: Executor, tenantId: string, name: string, scopes: string[], expiresAt: Date | null): Promise<{ row: ApiKeyRow; key: string }> {
  const key = generateApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({ id: newId("apiKey"), tenantId, name, prefix: apiKeyPrefix(key), keyHash: await hashApiKey(key), scopes, expiresAt })
    .returning();
  return { row, key };
}

export async function createApiKey(db: Executor, principal: Principal, input: { name: string; scopes?: Permission[]; expiresAt?: string }): Promise<Result<{ row: ApiKeyRow; key: string }>> {
  const scopes = grantable(principal, input.scopes ?? []);
  if (!scopes.ok) return scopes;
  if (input.expiresAt && new Date(input.expiresAt).getTime() <= Date.now()) return fail("validation_failed", "must be in the future", "/body/expiresAt");
  return ok(await insertKey(db, principal.tenantId, input.name, scopes.value, input.expiresAt ? new Date(input.expiresAt) : null));
}

const findActive = (db: Executor, tenantId: string, id: string) =>
  db.select().from(apiKeys).where(and(eq(apiKeys.id, id), eq(apiKeys.tenantId, tenantId), isNull(apiKeys.revokedAt)));

/** A new key with the same name, scopes and expiry; the old one stops working now or after the grace period. */
export async function rotateApiKey(db: Executor, principal: Principal, id: string, graceSeconds: number): Promise<Result<{ row: ApiKeyRow; key: string }>> {
  const [old] = await findActive(db, principal.tenantId, id);
  if (!old) return fail("not_found", "No active API key with this id in your account.");
  const scopes = grantable(principal, old.scopes as Permission[]);
  if (!scopes.ok) return scopes;
  const retire = graceSeconds > 0 ? { expiresAt: sql`least(coalesce(${apiKeys.expiresAt}, 'infinity'), now() + make_interval(secs => ${graceSeconds}))` } : { revokedAt: sql`now()` };
  await db.update(apiKeys).set(retire).where(eq(apiKeys.id, old.id));
  return ok(await insertKey(db, principal.tenantId, old.name, old.scopes, old.expiresAt));
}

export async function revokeApiKey(db: Executor, principal: Principal, id: string): Promise<Result<ApiKeyRow>> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.tenantId, principal.tenantId), isNull(apiKeys.revokedAt)))
    .returning();
  return row ? ok(row) : fail("not_found", "No active API key with this id in your account.");
}
