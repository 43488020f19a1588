/**
 * Waiting for the queue consumer, and the loss/duplicate check: what the product accepted (202s, tracked
 * 302s) against what Postgres holds. Reads SQL because no API lists raw events; decisions are read
 * through the API (collect.ts).
 */
import type pg from "pg";
import type { Sent } from "./state";

export interface Delivery {
  sent: Record<"clicks" | "events" | "orders" | "refunds", number>;
  lost: Record<"clicks" | "events" | "orders" | "refunds", number>;
  duplicated: Record<"clicks" | "events" | "orders" | "refunds", number>;
  parkedFailedEvents: number;
}

const COUNTS = {
  clicks: "SELECT count(DISTINCT id)::int AS stored, (count(*) - count(DISTINCT id))::int AS dup FROM clicks WHERE id = ANY($1)",
  events: "SELECT count(DISTINCT id)::int AS stored, (count(*) - count(DISTINCT id))::int AS dup FROM events WHERE id = ANY($1)",
  orders: "SELECT count(DISTINCT tenant_id || '/' || order_id)::int AS stored, (count(*) - count(DISTINCT tenant_id || '/' || order_id))::int AS dup FROM conversions WHERE tenant_id || '/' || order_id = ANY($1)",
  refunds: "SELECT count(DISTINCT tenant_id || '/' || refund_key)::int AS stored, (count(*) - count(DISTINCT tenant_id || '/' || refund_key))::int AS dup FROM refunds WHERE tenant_id || '/' || refund_key = ANY($1)",
} as const;

type Kind = keyof typeof COUNTS;
const idsOf = (s: Sent, k: Kind) => ({ clicks: s.trackedClicks, events: s.events, orders: s.orders, refunds: s.refunds })[k];

async function count(db: pg.Pool, k: Kind, ids: string[]) {
  const { rows } = await db.query<{ stored: number; dup: number }>(COUNTS[k], [ids]);
  return rows[0];
}

/** Polls until every accepted item of these kinds is stored, or the timeout (then the shortfall is "lost"). */
export async function waitStored(db: pg.Pool, sent: Sent, kinds: Kind[], timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const k of kinds) {
    const ids = idsOf(sent, k);
    while ((await count(db, k, ids)).stored < new Set(ids).size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  }
}

export async function checkDelivery(db: pg.Pool, sent: Sent, tenantIds: string[]): Promise<Delivery> {
  const d: Delivery = { sent: { clicks: 0, events: 0, orders: 0, refunds: 0 }, lost: { clicks: 0, events: 0, orders: 0, refunds: 0 }, duplicated: { clicks: 0, events: 0, orders: 0, refunds: 0 }, parkedFailedEvents: 0 };
  for (const k of Object.keys(COUNTS) as Kind[]) {
    const ids = idsOf(sent, k);
    const unique = new Set(ids).size;
    const c = await count(db, k, ids);
    d.sent[k] = ids.length;
    d.lost[k] = unique - c.stored;
    // The sim itself never sends one id twice; a second row would be the product's duplicate.
    d.duplicated[k] = c.dup + (ids.length - unique);
  }
  const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM failed_events WHERE tenant_id = ANY($1)", [tenantIds]);
  d.parkedFailedEvents = rows[0].n;
  return d;
}
