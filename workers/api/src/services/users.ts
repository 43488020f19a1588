/**
 * The merchant's team and affiliate users. Owners are protected: only an owner may make or change an
 * owner, and a merchant always keeps at least one active owner.
 */
import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Principal, Role } from "../../../../core/auth/access";
import { hashToken } from "../../../../core/auth/session-token";
import { newId } from "../../../../core/ids";
import { fail, ok, type Result } from "../../../../core/result";
import type { Executor } from "../../../../db/client";
import { affiliates, sessions, users } from "../../../../db/schema";
import { sqlState } from "../../../../db/transient-error";

export type UserRow = typeof users.$inferSelect;
const INVITE_DAYS = 7;

const isOwnerAction = (principal: Principal, role?: string) => role === "owner" && !(principal.kind === "user" && principal.role === "owner");

export async function listUsers(db: Executor, tenantId: string, q: { role?: Role; limit: number; cursor?: string }): Promise<UserRow[]> {
  return db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), q.role ? eq(users.role, q.role) : undefined, q.cursor ? gt(users.id, q.cursor) : undefined))
    .orderBy(asc(users.id))
    .limit(q.limit + 1);
}

const newInviteToken = () => `inv_${Array.from(crypto.getRandomValues(new Uint8Array(24)), (b) => b.toString(16).padStart(2, "0")).join("")}`;

export interface InviteInput {
  email: string;
  name?: string;
  role: Role;
  affiliateId?: string;
}

export async function inviteUser(db: Executor, principal: Principal, input: InviteInput): Promise<Result<{ user: UserRow; inviteToken: string }>> {
  const tenantId = principal.tenantId;
  if (isOwnerAction(principal, input.role)) return fail("forbidden", "Only an owner may invite another owner.");
  if ((input.role === "affiliate") !== (input.affiliateId !== undefined)) {
    return fail("validation_failed", "affiliateId is required for role `affiliate`, and only for it.", "/body/affiliateId");
  }
  if (input.affiliateId) {
    const [affiliate] = await db.select({ id: affiliates.id }).from(affiliates).where(and(eq(affiliates.id, input.affiliateId), eq(affiliates.tenantId, tenantId)));
    if (!affiliate) return fail("unprocessable", "No affiliate with this id in your account.", "/body/affiliateId");
  }
  const inviteToken = newInviteToken();
  const inviteHash = await hashToken(inviteToken);
  try {
    // In a savepoint: a duplicate email must not abort the request's transaction.
    const [user] = await db.transaction((sp) => sp
      .insert(users)
      .values({
        id: newId("user"),
        tenantId,
        email: input.email,
        name: input.name ?? null,
        role: input.role,
        affiliateId: input.affiliateId ?? null,
        inviteHash,
        inviteExpiresAt: sql`now() + make_interval(days => ${INVITE_DAYS})`,
      })
      .returning());
    return ok({ user, inviteToken });
  } catch (error) {
    if (sqlState(error) === "23505") return fail("conflict", "Someone with this email is already a user of your account.", "/body/email");
    throw error;
  }
}

export async function updateUser(db: Executor, principal: Principal, id: string, change: { name?: string; role?: Role; status?: "active" | "disabled" }): Promise<Result<UserRow>> {
  const tenantId = principal.tenantId;
  const [current] = await db.select().from(users).where(and(eq(users.id, id), eq(users.tenantId, tenantId)));
  if (!current) return fail("not_found", "No user with this id in your account.");
  if (isOwnerAction(principal, current.role) || isOwnerAction(principal, change.role)) return fail("forbidden", "Only an owner may change an owner or make one.");
  if (change.role === "affiliate" && !current.affiliateId) return fail("validation_failed", "Invite affiliate users with their affiliateId instead.", "/body/role");
  if (current.role === "affiliate" && change.role && change.role !== "affiliate") return fail("validation_failed", "An affiliate user cannot join the merchant's team; invite the person separately.", "/body/role");
  const losesOwner = current.role === "owner" && ((change.role && change.role !== "owner") || change.status === "disabled");
  if (losesOwner) {
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.role, "owner"), eq(users.status, "active")));
    if (n <= 1) return fail("conflict", "This is the last active owner; make someone else owner first.");
  }
  const [updated] = await db.update(users).set(change).where(and(eq(users.id, id), eq(users.tenantId, tenantId))).returning();
  // A disabled user is signed out everywhere, not just refused new sign-ins.
  if (change.status === "disabled") await db.update(sessions).set({ revokedAt: sql`now()` }).where(and(eq(sessions.userId, id), eq(sessions.tenantId, tenantId)));
  return ok(updated);
}
