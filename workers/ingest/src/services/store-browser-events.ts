import type { BrowserEventMessage } from "../../../../core/schemas/queue-event";
import { hostOf, scrubPageUrl } from "../../../../core/enrich";
import { timestampOfId } from "../../../../core/ids";
import type { Executor } from "../../../../db/client";
import { identities } from "../../../../db/schema";
import { sql } from "drizzle-orm";

/** Browser events, one row each (idempotent on the browser-made id), plus identities learnt from them. */
export async function storeBrowserEvents(db: Executor, messages: BrowserEventMessage[]): Promise<void> {
  if (messages.length === 0) return;
  const rows = messages.flatMap((m) => m.events.map((e) => ({
      id: e.id,
      occurred_at: new Date(timestampOfId(e.id) ?? m.context.receivedAt).toISOString(),
      tenant_id: m.tenantId,
      type: e.type,
      name: e.name ?? null,
      url: scrubPageUrl(e.url),
      referrer_host: hostOf(e.referrer),
      visitor_id: m.visitorId,
      click_id: m.cookieClickId ?? e.clickId ?? null,
      click_id_source: m.cookieClickId ? "cookie" : e.clickId ? (e.clickIdSource ?? "url") : null,
      props: e.props ?? {},
      email_hash: e.identity?.emailHash ?? null,
      customer_id_hash: e.identity?.customerIdHash ?? null,
      order_id: e.conversion?.orderId ?? null,
      consent: m.consent,
      country: m.context.country,
      device_type: m.context.deviceType,
      browser: m.context.browser,
      os: m.context.os,
      is_bot: m.context.isBot,
      ip_hash: m.context.ipHash,
      received_at: new Date(m.context.receivedAt).toISOString(),
    })));
  // One JSON parameter for the batch (see store-clicks.ts for why).
  await db.execute(sql`
    INSERT INTO events (id, occurred_at, tenant_id, type, name, url, referrer_host, visitor_id, click_id, click_id_source, props,
      email_hash, customer_id_hash, order_id, consent, country, device_type, browser, os, is_bot, ip_hash, received_at)
    SELECT id, occurred_at, tenant_id, type, name, url, referrer_host, visitor_id, click_id, click_id_source, props,
      email_hash, customer_id_hash, order_id, consent, country, device_type, browser, os, is_bot, ip_hash, received_at
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
      id text, occurred_at timestamptz, tenant_id text, type text, name text, url text, referrer_host text, visitor_id text,
      click_id text, click_id_source text, props jsonb, email_hash text, customer_id_hash text, order_id text, consent text,
      country char(2), device_type text, browser text, os text, is_bot boolean, ip_hash text, received_at timestamptz)
    ON CONFLICT DO NOTHING`);

  // Stitching needs both a visitor and consent; the edge only passes a visitor id when consent allows.
  const links = messages.flatMap((m) => m.events.map((e) => [m, e.identity] as const)).flatMap(([m, id]) => {
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
  // One insert may not touch a row twice: the script identifies on every page, so repeats are common.
  const unique = [...new Map(links.map((l) => [`${l.tenantId}|${l.kind}|${l.valueHash}|${l.visitorId}`, l])).values()];
  if (unique.length === 0) return;
  await db
    .insert(identities)
    .values(unique)
    .onConflictDoUpdate({ target: [identities.tenantId, identities.kind, identities.valueHash, identities.visitorId], set: { lastSeenAt: sql`now()` } });
}
