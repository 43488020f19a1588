/**
 * The clicks behind a person's orders. An order names its click (`click_id`, `matched_click_id`); that click
 * may carry a visitor id the person's identities never met (an order sent by the shop's server, a click on
 * another device), so following the person's emails and visitors alone misses it. Each click is looked up
 * by its id and the time in its id, the partition key, so one month's partition is read per click.
 */
import { sql, type SQL } from "drizzle-orm";
import { isId, timestampOfId } from "../../core/ids";
import { rowsOf, type Executor } from "../client";

export interface OrderClicks {
  clickIds: string[];
  visitorIds: string[];
}

/** `id = ANY(ids) AND clicked_at = ANY(their times)`: an id fixes its time, so the pair matches exactly those clicks. */
export function clickKeysCondition(clickIds: string[]): SQL {
  if (!clickIds.length) return sql`false`;
  const times = clickIds.map((id) => new Date(timestampOfId(id)!).toISOString());
  return sql`(id = ANY(${sql.param(clickIds)}::text[]) AND clicked_at = ANY(${sql.param(times)}::timestamptz[]))`;
}

/** `orders` is a condition over the conversions table naming the person's orders. */
export async function clicksOfOrders(db: Executor, tenantId: string, orders: SQL): Promise<OrderClicks> {
  const named = rowsOf(await db.execute<{ click_id: string | null; matched_click_id: string | null }>(
    sql`SELECT click_id, matched_click_id FROM conversions WHERE tenant_id = ${tenantId} AND ${orders}`,
  ));
  const ids = [...new Set(named.flatMap((o) => [o.click_id, o.matched_click_id]))].filter((id): id is string => isId("click", id));
  if (!ids.length) return { clickIds: [], visitorIds: [] };
  const found = rowsOf(await db.execute<{ id: string; visitor_id: string }>(
    sql`SELECT id, visitor_id FROM clicks WHERE tenant_id = ${tenantId} AND ${clickKeysCondition(ids)}`,
  ));
  return { clickIds: found.map((k) => k.id), visitorIds: [...new Set(found.map((k) => k.visitor_id))] };
}
