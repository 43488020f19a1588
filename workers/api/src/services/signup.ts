/** A new merchant account with its first owner, who is signed in at once. */
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from "../../../../core/auth/password";
import { newId } from "../../../../core/ids";
import type { TenantChoice } from "../../../../core/problem";
import { fail, ok, type Result } from "../../../../core/result";
import type { Database, Executor } from "../../../../db/client";
import { tenants, users } from "../../../../db/schema";
import { sqlState } from "../../../../db/transient-error";
import { openSession, type SessionTokens } from "./sessions";

export interface SignupInput {
  merchantName: string;
  slug?: string;
  email: string;
  password: string;
  name?: string;
  defaultCurrency?: string;
  timezone?: string;
}

/** As many owner accounts of one email as a sign-in looks at. */
const MAX_OWNED = 20;

/** `Loja da Ana!` -> `loja-da-ana`, plus a short random tail so two shops of the same name both fit. */
export function slugFor(name: string): string {
  const base = name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40);
  return `${base || "loja"}-${newId("tenant").slice(-5).toLowerCase()}`;
}

/**
 * The merchants this email already owns with this very password. An email with no owner account still
 * costs one hash check, and one owner account costs one: the time taken does not tell whether the email
 * owns a merchant (the answer does only to someone who knows its password).
 */
async function ownedWithPassword(db: Executor, email: string, password: string): Promise<TenantChoice[]> {
  const owners = await db
    .select({ passwordHash: users.passwordHash, slug: tenants.slug, name: tenants.name })
    .from(users)
    .innerJoin(tenants, eq(tenants.id, users.tenantId))
    .where(and(sql`lower(${users.email}) = lower(${email})`, eq(users.role, "owner"), eq(users.status, "active"), isNotNull(users.passwordHash)))
    .orderBy(tenants.slug)
    .limit(MAX_OWNED);
  if (owners.length === 0) await verifyPassword(password, DUMMY_PASSWORD_HASH);
  const owned: TenantChoice[] = [];
  for (const o of owners) if (o.passwordHash && (await verifyPassword(password, o.passwordHash))) owned.push({ slug: o.slug, name: o.name });
  return owned;
}

/** The 409 of a repeated sign-up: which merchant(s) the caller already owns, and what to do instead. */
function alreadyOwned(owned: TenantChoice[]): Result<never> {
  const slugs = owned.map((t) => t.slug).join(", ");
  const signIn = owned.length === 1 ? `sign in instead (POST /v1/auth/login)` : "sign in instead (POST /v1/auth/login, with one's slug as `tenant`)";
  return fail(
    "conflict",
    `You already own ${owned.length === 1 ? "the merchant" : "the merchants"} ${slugs} with this email and password: ${signIn}. To open another merchant with this email, sign up with a different password.`,
    undefined,
    { tenants: owned },
  );
}

/**
 * Signs up a merchant and its owner. The same email and password as an owner account that exists already
 * is a repeat (a retried or copied command), refused with the merchant it made: a second merchant with
 * the same credentials would only make every sign-in ask which one. Another password makes another
 * merchant (an agency running several shops), and the answer names its slug.
 */
export async function signup(db: Database, input: SignupInput, jwtSecret: string, userAgent: string | null): Promise<Result<SessionTokens>> {
  const tenantId = newId("tenant");
  // Hashed first, whatever happens next, so a repeat takes as long as a new account.
  const passwordHash = await hashPassword(input.password);
  try {
    const outcome = await db.transaction(async (tx) => {
      // Two sign-ups of one email at once (a double submit) take turns: the second sees the first's owner.
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('signup:' || lower(${input.email})))`);
      const owned = await ownedWithPassword(tx, input.email, input.password);
      if (owned.length > 0) return { owned, owner: null };
      const [tenant] = await tx
        .insert(tenants)
        .values({
          id: tenantId,
          name: input.merchantName,
          slug: input.slug ?? slugFor(input.merchantName),
          ...(input.defaultCurrency ? { defaultCurrency: input.defaultCurrency } : {}),
          ...(input.timezone ? { timezone: input.timezone } : {}),
        })
        .returning({ tenantSlug: tenants.slug, tenantName: tenants.name });
      const [owner] = await tx
        .insert(users)
        .values({ id: newId("user"), tenantId, email: input.email, name: input.name ?? null, role: "owner", passwordHash })
        .returning();
      return { owned, owner: { ...owner, ...tenant } };
    });
    if (!outcome.owner) return alreadyOwned(outcome.owned);
    return ok(await openSession(db, outcome.owner, jwtSecret, userAgent));
  } catch (error) {
    if (sqlState(error) === "23505") return fail("conflict", "This slug is taken; choose another.", "/body/slug");
    throw error;
  }
}
