/** The affiliates of one tenant; affiliate users see only their own. */
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { newId } from "../../../../core/ids";
import { fail, ok, type Result } from "../../../../core/result";
import type { Executor } from "../../../../db/client";
import { affiliates, users } from "../../../../db/schema";
import type { CreateAffiliateInput, UpdateAffiliateInput } from "../routes/v1/affiliates/schema";
import { createInvite, type Invite } from "./invites";

export type AffiliateRow = typeof affiliates.$inferSelect;

const TAKEN = "An affiliate with this email already exists in your account.";

export async function createAffiliate(db: Executor, tenantId: string, input: CreateAffiliateInput): Promise<Result<{ row: AffiliateRow; invite: Invite | null }>> {
  if (input.invite) {
    const [user] = await db.select({ id: users.id }).from(users).where(and(eq(users.tenantId, tenantId), sql`lower(${users.email}) = lower(${input.email})`));
    if (user) return fail("conflict", "A user with this email already exists in your account.", "/body/email");
  }
  // DO NOTHING rather than catching the unique violation: a failed statement would abort the request's transaction.
  const [row] = await db
    .insert(affiliates)
    .values({ id: newId("affiliate"), tenantId, name: input.name, email: input.email, status: input.status, affiliateGroup: input.affiliateGroup ?? null })
    .onConflictDoNothing()
    .returning();
  if (!row) return fail("conflict", TAKEN, "/body/email");
  const invite = input.invite ? await createInvite(db, tenantId, row) : null;
  return ok({ row, invite });
}

export function listAffiliates(db: Executor, tenantId: string, scope: string | null, q: { status?: string; group?: string; limit: number; cursor?: string }): Promise<AffiliateRow[]> {
  return db
    .select()
    .from(affiliates)
    .where(
      and(
        eq(affiliates.tenantId, tenantId),
        scope === null ? undefined : eq(affiliates.id, scope),
        q.status ? eq(affiliates.status, q.status) : undefined,
        q.group ? eq(affiliates.affiliateGroup, q.group) : undefined,
        q.cursor ? gt(affiliates.id, q.cursor) : undefined,
      ),
    )
    .orderBy(asc(affiliates.id))
    .limit(q.limit + 1);
}

export async function getAffiliate(db: Executor, tenantId: string, scope: string | null, id: string): Promise<AffiliateRow | null> {
  if (scope !== null && scope !== id) return null;
  const [row] = await db.select().from(affiliates).where(and(eq(affiliates.tenantId, tenantId), eq(affiliates.id, id)));
  return row ?? null;
}

export async function updateAffiliate(db: Executor, tenantId: string, id: string, patch: UpdateAffiliateInput): Promise<Result<{ row: AffiliateRow; statusChanged: boolean }>> {
  const [current] = await db.select().from(affiliates).where(and(eq(affiliates.tenantId, tenantId), eq(affiliates.id, id))).for("update");
  if (!current) return fail("not_found", "No affiliate with this id in your account.");
  // Pending means "applied, not yet approved": an affiliate that was let in cannot become an applicant again.
  if (patch.status === "pending" && current.status !== "pending") return fail("unprocessable", `The affiliate is ${current.status}; it cannot go back to pending.`, "/body/status");
  if (Object.keys(patch).length === 0) return ok({ row: current, statusChanged: false });
  const [row] = await db.update(affiliates).set(patch).where(and(eq(affiliates.tenantId, tenantId), eq(affiliates.id, id))).returning();
  return ok({ row, statusChanged: row.status !== current.status });
}
