import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { isRole, type Principal } from "../../core/auth/access";
import type { AccessClaims } from "../../core/auth/session-token";
import type { Executor } from "../client";
import { sessions, users } from "../schema";

/**
 * The signed-in user behind a valid access token, read fresh: a revoked session, a disabled user or a
 * changed role takes effect on the next request, not when the token expires.
 */
export async function findSessionPrincipal(db: Executor, claims: AccessClaims): Promise<Principal | null> {
  const [row] = await db
    .select({ role: users.role, affiliateId: users.affiliateId })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, claims.sessionId),
        eq(sessions.userId, claims.userId),
        eq(sessions.tenantId, claims.tenantId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`now()`),
        eq(users.status, "active"),
      ),
    );
  if (!row || !isRole(row.role)) return null;
  return { kind: "user", tenantId: claims.tenantId, userId: claims.userId, sessionId: claims.sessionId, role: row.role, affiliateId: row.affiliateId };
}
