/** A new merchant account with its first owner, who is signed in at once. */
import { hashPassword } from "../../../../core/auth/password";
import { newId } from "../../../../core/ids";
import { fail, ok, type Result } from "../../../../core/result";
import type { Database } from "../../../../db/client";
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

/** `Loja da Ana!` -> `loja-da-ana`, plus a short random tail so two shops of the same name both fit. */
export function slugFor(name: string): string {
  const base = name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40);
  return `${base || "loja"}-${newId("tenant").slice(-5).toLowerCase()}`;
}

export async function signup(db: Database, input: SignupInput, jwtSecret: string, userAgent: string | null): Promise<Result<SessionTokens>> {
  const tenantId = newId("tenant");
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.transaction(async (tx) => {
      await tx.insert(tenants).values({
        id: tenantId,
        name: input.merchantName,
        slug: input.slug ?? slugFor(input.merchantName),
        ...(input.defaultCurrency ? { defaultCurrency: input.defaultCurrency } : {}),
        ...(input.timezone ? { timezone: input.timezone } : {}),
      });
      const [owner] = await tx
        .insert(users)
        .values({ id: newId("user"), tenantId, email: input.email, name: input.name ?? null, role: "owner", passwordHash })
        .returning();
      return owner;
    });
    return ok(await openSession(db, user, jwtSecret, userAgent));
  } catch (error) {
    if (sqlState(error) === "23505") return fail("conflict", "This slug is taken; choose another.", "/body/slug");
    throw error;
  }
}
