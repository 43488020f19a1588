import { and, isNotNull, lt, or, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { idempotencyKeys, sessions } from "../schema";

/**
 * Forgets what has stopped mattering: idempotency keys past their 24 hours, and sessions that ended
 * (expired or revoked) more than 7 days ago, kept that long so a reused refresh token is still recognised.
 */
export async function purgeExpiredAccess(db: Executor): Promise<{ idempotencyKeys: number; sessions: number }> {
  const keys = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, sql`now() - interval '24 hours'`)).returning({ key: idempotencyKeys.key });
  const ended = await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, sql`now() - interval '7 days'`), and(isNotNull(sessions.revokedAt), lt(sessions.revokedAt, sql`now() - interval '7 days'`))))
    .returning({ id: sessions.id });
  return { idempotencyKeys: keys.length, sessions: ended.length };
}
