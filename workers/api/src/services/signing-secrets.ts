/**
 * Signing secrets of a merchant, for HMAC-signed requests to the ingest Worker. Unlike API keys they must
 * be readable to check a signature, so they are sealed with SECRETS_KEY rather than hashed; the plain
 * secret exists only in the answer to its creation. The same rule as for keys applies: a caller grants
 * only scopes it holds itself.
 */
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Permission, Principal } from "../../../../core/auth/access";
import { newId } from "../../../../core/ids";
import { fail, ok, type Result } from "../../../../core/result";
import { seal } from "../../../../core/secret-box";
import { generateSigningSecret } from "../../../../core/signing-secret";
import type { Executor } from "../../../../db/client";
import { signingSecrets } from "../../../../db/schema";
import { grantable } from "./api-keys";

export type SigningSecretRow = typeof signingSecrets.$inferSelect;

export async function listSigningSecrets(db: Executor, tenantId: string, q: { includeRevoked: "true" | "false"; limit: number; cursor?: string }): Promise<SigningSecretRow[]> {
  return db
    .select()
    .from(signingSecrets)
    .where(and(eq(signingSecrets.tenantId, tenantId), q.includeRevoked === "true" ? undefined : isNull(signingSecrets.revokedAt), q.cursor ? gt(signingSecrets.id, q.cursor) : undefined))
    .orderBy(asc(signingSecrets.id))
    .limit(q.limit + 1);
}

export async function createSigningSecret(db: Executor, principal: Principal, scopes: Permission[], secretsKey: string): Promise<Result<{ row: SigningSecretRow; secret: string }>> {
  const granted = grantable(principal, scopes);
  if (!granted.ok) return granted;
  const secret = generateSigningSecret();
  const [row] = await db
    .insert(signingSecrets)
    .values({ id: newId("signingSecret"), tenantId: principal.tenantId, sealedSecret: await seal(secret, secretsKey), scopes: granted.value })
    .returning();
  return ok({ row, secret });
}

/** Idempotent: revoking a revoked secret answers with it unchanged, keeping the first revocation time. */
export async function revokeSigningSecret(db: Executor, tenantId: string, id: string): Promise<Result<SigningSecretRow>> {
  const [row] = await db
    .update(signingSecrets)
    .set({ revokedAt: sql`coalesce(${signingSecrets.revokedAt}, now())` })
    .where(and(eq(signingSecrets.id, id), eq(signingSecrets.tenantId, tenantId)))
    .returning();
  return row ? ok(row) : fail("not_found", "No signing secret with this id in your account.");
}
