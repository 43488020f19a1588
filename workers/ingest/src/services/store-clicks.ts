import { sql } from "drizzle-orm";
import type { ClickEvent } from "../../../../core/schemas/click-event";
import type { Executor } from "../../../../db/client";
import { clicks } from "../../../../db/schema";

/** One multi-row insert; a redelivered click hits the primary key and is skipped. Returns rows written. */
export async function storeClicks(db: Executor, events: ClickEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const rows = events.map((e) => ({
    id: e.id,
    clickedAt: new Date(e.ts),
    tenantId: e.tenantId,
    linkId: e.linkId,
    campaignId: e.campaignId,
    affiliateId: e.affiliateId,
    visitorId: e.visitorId,
    subIds: e.subIds,
    ipHash: e.ipHash,
    country: e.country,
    userAgent: e.userAgent,
    referrerHost: e.referrerHost,
    adClickIds: e.adClickIds,
  }));
  const inserted = await db.insert(clicks).values(rows).onConflictDoNothing().returning({ one: sql<number>`1` });
  return inserted.length;
}
