import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Executor } from "../../../../db/client";
import { links } from "../../../../db/schema";
import type { LinkRow } from "./links";

export interface LinkFilter {
  campaignId?: string;
  affiliateId?: string;
  status?: "active" | "disabled";
  limit: number;
  cursor?: string;
}

/** A page of the tenant's links, oldest first; `limit + 1` rows so the caller knows if there is more. */
export function listLinks(db: Executor, tenantId: string, f: LinkFilter, onlyAffiliate: string | null): Promise<LinkRow[]> {
  return db
    .select()
    .from(links)
    .where(
      and(
        eq(links.tenantId, tenantId),
        onlyAffiliate ? eq(links.affiliateId, onlyAffiliate) : undefined,
        f.affiliateId ? eq(links.affiliateId, f.affiliateId) : undefined,
        f.campaignId ? eq(links.campaignId, f.campaignId) : undefined,
        f.status ? eq(links.status, f.status) : undefined,
        f.cursor ? gt(links.id, f.cursor) : undefined,
      ),
    )
    .orderBy(asc(links.id))
    .limit(f.limit + 1);
}

/** Applies a change to a link of the tenant (of the affiliate, for affiliate users); null when there is none. */
export async function updateLink(
  db: Executor,
  tenantId: string,
  id: string,
  change: { destinationUrl?: string; status?: "active" | "disabled"; subIds?: Record<string, string> },
  onlyAffiliate: string | null,
): Promise<LinkRow | null> {
  const [row] = await db
    .update(links)
    .set({ ...change, updatedAt: sql`now()` })
    .where(and(eq(links.id, id), eq(links.tenantId, tenantId), onlyAffiliate ? eq(links.affiliateId, onlyAffiliate) : undefined))
    .returning();
  return row ?? null;
}
