import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Executor } from "../../../../db/client";
import { fail, ok, type Result } from "../../../../core/result";
import { campaigns, links } from "../../../../db/schema";
import { checkDestination, destinationHosts } from "./destination-hosts";
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

/**
 * Applies a change to a link of the tenant (of the affiliate, for affiliate users). A new destination is
 * held to the tenant's allow-list like a new link's; http is judged by the link's campaign.
 */
export async function updateLink(
  db: Executor,
  tenantId: string,
  id: string,
  change: { destinationUrl?: string; status?: "active" | "disabled"; subIds?: Record<string, string> },
  onlyAffiliate: string | null,
): Promise<Result<LinkRow>> {
  const theLink = and(eq(links.id, id), eq(links.tenantId, tenantId), onlyAffiliate ? eq(links.affiliateId, onlyAffiliate) : undefined);
  if (change.destinationUrl !== undefined) {
    const [current] = await db.select({ campaignDestination: campaigns.destinationUrl }).from(links).innerJoin(campaigns, eq(campaigns.id, links.campaignId)).where(theLink);
    if (!current) return fail("not_found", NO_LINK);
    const allowed = checkDestination(change.destinationUrl, await destinationHosts(db, tenantId), current.campaignDestination, "/body/destinationUrl");
    if (!allowed.ok) return allowed;
  }
  const [row] = await db
    .update(links)
    .set({ ...change, updatedAt: sql`now()` })
    .where(theLink)
    .returning();
  return row ? ok(row) : fail("not_found", NO_LINK);
}

const NO_LINK = "No link with this id in your account.";
