import type { BrowserEventMessage } from "../../../../core/schemas/queue-event";
import { hostOf, scrubPageUrl } from "../../../../core/enrich";
import { timestampOfId } from "../../../../core/ids";
import type { Executor } from "../../../../db/client";
import { events, identities } from "../../../../db/schema";
import { sql } from "drizzle-orm";

/** Browser events, one row each (idempotent on the browser-made id), plus identities learnt from them. */
export async function storeBrowserEvents(db: Executor, messages: BrowserEventMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await db
    .insert(events)
    .values(
      messages.map((m) => {
        const e = m.event;
        return {
          id: e.id,
          occurredAt: new Date(timestampOfId(e.id) ?? m.context.receivedAt),
          tenantId: m.tenantId,
          type: e.type,
          name: e.name ?? null,
          url: scrubPageUrl(e.url),
          referrerHost: hostOf(e.referrer),
          visitorId: m.visitorId,
          clickId: m.cookieClickId ?? e.clickId ?? null,
          clickIdSource: m.cookieClickId ? "cookie" : e.clickId ? (e.clickIdSource ?? "url") : null,
          props: e.props ?? {},
          emailHash: e.identity?.emailHash ?? null,
          customerIdHash: e.identity?.customerIdHash ?? null,
          orderId: e.conversion?.orderId ?? null,
          consent: m.consent,
          country: m.context.country,
          deviceType: m.context.deviceType,
          browser: m.context.browser,
          os: m.context.os,
          isBot: m.context.isBot,
          ipHash: m.context.ipHash,
          receivedAt: new Date(m.context.receivedAt),
        };
      }),
    )
    .onConflictDoNothing();

  // Stitching needs both a visitor and consent; the edge only passes a visitor id when consent allows.
  const links = messages.flatMap((m) => {
    const id = m.event.identity;
    if (!id || !m.visitorId) return [];
    const rows = [];
    if (id.emailHash) rows.push({ tenantId: m.tenantId, kind: "email", valueHash: id.emailHash, visitorId: m.visitorId });
    if (id.customerIdHash) rows.push({ tenantId: m.tenantId, kind: "customer", valueHash: id.customerIdHash, visitorId: m.visitorId });
    return rows;
  });
  await linkIdentities(db, links);
}

export interface IdentityLink {
  tenantId: string;
  kind: string;
  valueHash: string;
  visitorId: string;
}

export async function linkIdentities(db: Executor, links: IdentityLink[]): Promise<void> {
  if (links.length === 0) return;
  await db
    .insert(identities)
    .values(links)
    .onConflictDoUpdate({ target: [identities.tenantId, identities.kind, identities.valueHash, identities.visitorId], set: { lastSeenAt: sql`now()` } });
}
