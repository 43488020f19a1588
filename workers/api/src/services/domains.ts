/**
 * A merchant's hostnames. A hostname belongs to one account at most (the redirect finds the account from
 * the Host header), and rows of other accounts are invisible under RLS, so a taken hostname is found by the
 * unique index itself (`ON CONFLICT DO NOTHING`) and reported without saying whose it is.
 */
import { and, asc, eq, gt } from "drizzle-orm";
import { fileProvesOwnership, VERIFICATION_PATH } from "../../../../core/domain-verification";
import { newId } from "../../../../core/ids";
import { fail, ok, type Result } from "../../../../core/result";
import { webhookUrlIssue } from "../../../../core/webhook-url";
import type { Executor } from "../../../../db/client";
import { domains } from "../../../../db/schema";
import { probeUrl } from "./http-probe";

export type DomainRow = typeof domains.$inferSelect;

export function listDomains(db: Executor, tenantId: string, q: { limit: number; cursor?: string }): Promise<DomainRow[]> {
  return db
    .select()
    .from(domains)
    .where(and(eq(domains.tenantId, tenantId), q.cursor ? gt(domains.id, q.cursor) : undefined))
    .orderBy(asc(domains.id))
    .limit(q.limit + 1);
}

export async function createDomain(db: Executor, tenantId: string, input: { hostname: string; isLinkDomain: boolean }): Promise<Result<DomainRow>> {
  const [row] = await db
    .insert(domains)
    .values({ id: newId("domain"), tenantId, hostname: input.hostname.toLowerCase(), isLinkDomain: input.isLinkDomain })
    .onConflictDoNothing()
    .returning();
  return row ? ok(row) : fail("conflict", "This hostname is already registered.", "/body/hostname");
}

export async function deleteDomain(db: Executor, tenantId: string, id: string): Promise<Result<DomainRow>> {
  const [row] = await db.delete(domains).where(and(eq(domains.id, id), eq(domains.tenantId, tenantId))).returning();
  return row ? ok(row) : fail("not_found", "No domain with this id in your account.");
}

/** Where the verification file of `hostname` is fetched from. */
export function verificationUrl(hostname: string, dev: { allowLoopbackHttp: boolean; origin?: string }): string {
  const devOrigin = dev.allowLoopbackHttp && dev.origin && !webhookUrlIssue(dev.origin, true) ? dev.origin : null;
  return `${devOrigin ?? `https://${hostname}`}${VERIFICATION_PATH}`;
}

/** Fetches the verification file and marks the domain verified when it holds the token. */
export async function verifyDomain(db: Executor, tenantId: string, id: string, token: string, urlOf: (hostname: string) => string): Promise<Result<DomainRow>> {
  const [row] = await db.select().from(domains).where(and(eq(domains.id, id), eq(domains.tenantId, tenantId)));
  if (!row) return fail("not_found", "No domain with this id in your account.");
  const url = urlOf(row.hostname);
  const answer = await probeUrl(url, { maxBytes: 10_000 });
  if (!answer.ok) return fail("unprocessable", `${url} ${answer.reason}; serve the file there with the token and try again.`);
  if (!fileProvesOwnership(answer.body, token)) return fail("unprocessable", `${url} does not contain the line ${token}.`);
  const [verified] = await db.update(domains).set({ verifiedAt: row.verifiedAt ?? new Date() }).where(eq(domains.id, id)).returning();
  return ok(verified);
}
