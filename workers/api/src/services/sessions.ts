/**
 * Sign-in, token refresh with rotation, sign-out and invite acceptance. These run before a tenant is
 * known (the email finds it), so they use the Worker's own connection, never the tenant-scoped one.
 */
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { isRole, type Role } from "../../../../core/auth/access";
import { DUMMY_PASSWORD_HASH, hashPassword, needsRehash, verifyPassword } from "../../../../core/auth/password";
import { ACCESS_TOKEN_TTL_SECONDS, hashToken, newRefreshToken, parseRefreshToken, REFRESH_TOKEN_TTL_DAYS, signAccessToken } from "../../../../core/auth/session-token";
import { newId } from "../../../../core/ids";
import { fail, ok, type Result } from "../../../../core/result";
import type { Database, Executor } from "../../../../db/client";
import { sessions, tenants, users } from "../../../../db/schema";

export interface SessionUser {
  id: string;
  tenantId: string;
  email: string;
  name: string | null;
  role: Role;
  affiliateId: string | null;
}

/** The merchant a session belongs to; its slug is what a login names as `tenant`. */
export interface SessionTenant {
  id: string;
  slug: string;
  name: string;
}

export interface SessionTokens {
  tokenType: "Bearer";
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  user: SessionUser;
  tenant: SessionTenant;
}

/** A second use of a rotated refresh token within this time is two tabs racing, not a stolen copy. */
const REUSE_GRACE_MS = 30_000;
const INVALID_LOGIN = "The email or password is wrong.";

const userColumns = {
  id: users.id,
  tenantId: users.tenantId,
  email: users.email,
  name: users.name,
  role: users.role,
  affiliateId: users.affiliateId,
  passwordHash: users.passwordHash,
};

/** The session's merchant, from `tenants` joined to the user. */
const tenantColumns = { tenantSlug: tenants.slug, tenantName: tenants.name };

type UserRow = { id: string; tenantId: string; email: string; name: string | null; role: string; affiliateId: string | null; passwordHash: string | null };
type UserWithTenant = UserRow & { tenantSlug: string; tenantName: string };

const toSessionUser = (u: UserRow): SessionUser => ({ id: u.id, tenantId: u.tenantId, email: u.email, name: u.name, role: isRole(u.role) ? u.role : "analyst", affiliateId: u.affiliateId });

const tenantOf = (u: UserWithTenant): SessionTenant => ({ id: u.tenantId, slug: u.tenantSlug, name: u.tenantName });

export async function openSession(db: Database, user: UserWithTenant, jwtSecret: string, userAgent: string | null): Promise<SessionTokens> {
  const sessionId = newId("session");
  const refreshToken = newRefreshToken(sessionId);
  await db.insert(sessions).values({
    id: sessionId,
    tenantId: user.tenantId,
    userId: user.id,
    refreshHash: await hashToken(refreshToken),
    userAgent: userAgent?.slice(0, 300) ?? null,
    expiresAt: sql`now() + make_interval(days => ${REFRESH_TOKEN_TTL_DAYS})`,
  });
  const view = toSessionUser(user);
  const accessToken = await signAccessToken({ userId: user.id, tenantId: user.tenantId, sessionId, role: view.role }, jwtSecret);
  return { tokenType: "Bearer", accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, refreshToken, user: view, tenant: tenantOf(user) };
}

export interface LoginInput {
  email: string;
  password: string;
  /** The merchant's slug, needed only when the email and password fit accounts at several merchants. */
  tenant?: string;
}

export async function login(db: Database, input: LoginInput, jwtSecret: string, userAgent: string | null): Promise<Result<SessionTokens>> {
  const candidates = await db
    .select({ ...userColumns, ...tenantColumns })
    .from(users)
    .innerJoin(tenants, eq(tenants.id, users.tenantId))
    .where(and(sql`lower(${users.email}) = lower(${input.email})`, eq(users.status, "active"), input.tenant ? eq(tenants.slug, input.tenant) : undefined))
    .limit(20);
  const matching: UserWithTenant[] = [];
  for (const user of candidates) {
    if (user.passwordHash && (await verifyPassword(input.password, user.passwordHash))) matching.push(user);
  }
  // Unknown emails cost one hash too, so response times do not tell which emails have accounts.
  if (candidates.length === 0) await verifyPassword(input.password, DUMMY_PASSWORD_HASH);
  if (matching.length === 0) return fail("unauthorized", INVALID_LOGIN);
  if (matching.length > 1) {
    // Only the merchants this password opens: the caller has proved it for each, so naming them tells
    // nothing a sign-in with their slug would not. Accounts where it does not match stay unnamed.
    const choices = matching.map((u) => ({ slug: u.tenantSlug, name: u.tenantName })).sort((a, b) => a.slug.localeCompare(b.slug));
    const slugs = choices.map((t) => t.slug).join(", ");
    return fail("validation_failed", `This email and password fit accounts at several merchants (${slugs}): send one's slug as \`tenant\`.`, "/body/tenant", { tenants: choices });
  }
  const user = matching[0];
  const rehash = user.passwordHash && needsRehash(user.passwordHash) ? await hashPassword(input.password) : null;
  await db
    .update(users)
    .set({ lastLoginAt: sql`now()`, ...(rehash ? { passwordHash: rehash } : {}) })
    .where(eq(users.id, user.id));
  return ok(await openSession(db, user, jwtSecret, userAgent));
}

export async function refresh(db: Database, refreshToken: string, jwtSecret: string): Promise<Result<SessionTokens>> {
  const parsed = parseRefreshToken(refreshToken);
  if (!parsed) return fail("unauthorized", "The refresh token is not valid.");
  const [row] = await db
    .select({ session: sessions, user: { ...userColumns, ...tenantColumns } })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(tenants, eq(tenants.id, users.tenantId))
    .where(and(eq(sessions.id, parsed.sessionId), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`), eq(users.status, "active")));
  if (!row) return fail("unauthorized", "The session has ended; sign in again.");
  const presented = await hashToken(refreshToken);
  if (presented !== row.session.refreshHash) {
    if (presented === row.session.previousRefreshHash && Date.now() - row.session.refreshedAt.getTime() < REUSE_GRACE_MS) {
      return fail("unauthorized", "This refresh token was just used; use the newest one.");
    }
    // An old token presented again: someone else holds a copy. End the session for everyone.
    await db.update(sessions).set({ revokedAt: sql`now()` }).where(eq(sessions.id, row.session.id));
    return fail("unauthorized", "The refresh token was already used; the session has been ended for safety.");
  }
  const next = newRefreshToken(row.session.id);
  const rotated = await db
    .update(sessions)
    .set({ refreshHash: await hashToken(next), previousRefreshHash: presented, refreshedAt: sql`now()` })
    .where(and(eq(sessions.id, row.session.id), eq(sessions.refreshHash, presented)))
    .returning({ id: sessions.id });
  if (rotated.length === 0) return fail("unauthorized", "This refresh token was just used; use the newest one.");
  const view = toSessionUser(row.user);
  const accessToken = await signAccessToken({ userId: view.id, tenantId: view.tenantId, sessionId: row.session.id, role: view.role }, jwtSecret);
  return ok({ tokenType: "Bearer", accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, refreshToken: next, user: view, tenant: tenantOf(row.user) });
}

export async function logout(db: Executor, sessionId: string): Promise<void> {
  await db.update(sessions).set({ revokedAt: sql`now()` }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

export async function acceptInvite(db: Database, token: string, password: string, name: string | undefined, jwtSecret: string, userAgent: string | null): Promise<Result<SessionTokens>> {
  const [user] = await db
    .update(users)
    .set({ passwordHash: await hashPassword(password), inviteHash: null, inviteExpiresAt: null, lastLoginAt: sql`now()`, ...(name ? { name } : {}) })
    .where(and(eq(users.inviteHash, await hashToken(token)), gt(users.inviteExpiresAt, sql`now()`), eq(users.status, "active")))
    .returning(userColumns);
  if (!user) return fail("unprocessable", "This invite is unknown, already used or expired; ask for a new one.", "/body/token");
  const [tenant] = await db.select(tenantColumns).from(tenants).where(eq(tenants.id, user.tenantId));
  return ok(await openSession(db, { ...user, ...tenant }, jwtSecret, userAgent));
}
