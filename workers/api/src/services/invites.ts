/**
 * Invites: a dashboard user created without a password, reached by a one-time token that the merchant
 * sends and the invitee trades for a password with POST /v1/auth/accept-invite. Only the token's SHA-256
 * is stored.
 */
import { sql } from "drizzle-orm";
import { hashToken } from "../../../../core/auth/session-token";
import { newId } from "../../../../core/ids";
import type { Executor } from "../../../../db/client";
import { users } from "../../../../db/schema";

export const INVITE_TTL_DAYS = 7;

export interface Invite {
  userId: string;
  token: string;
  expiresAt: Date;
}

const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/** The affiliate's own user (role `affiliate`), invited. The caller has made sure the email is free. */
export async function createInvite(db: Executor, tenantId: string, affiliate: { id: string; name: string; email: string }): Promise<Invite> {
  const token = `inv_${toHex(crypto.getRandomValues(new Uint8Array(32)))}`;
  const [user] = await db
    .insert(users)
    .values({
      id: newId("user"),
      tenantId,
      email: affiliate.email,
      name: affiliate.name,
      role: "affiliate",
      affiliateId: affiliate.id,
      inviteHash: await hashToken(token),
      inviteExpiresAt: sql`now() + make_interval(days => ${INVITE_TTL_DAYS})`,
    })
    .returning({ id: users.id, expiresAt: users.inviteExpiresAt });
  return { userId: user.id, token, expiresAt: user.expiresAt! };
}
