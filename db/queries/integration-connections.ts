/**
 * Integration connections (a merchant's store or billing platform) and the deliveries already received from
 * them. The API manages connections inside the tenant's transaction; the ingest Worker finds a connection
 * by its id alone (the id in the webhook URL is how a delivery names its merchant) with its own role.
 */
import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { integrationConnections, integrationDeliveries } from "../schema";

export type ConnectionRow = typeof integrationConnections.$inferSelect;

export async function findConnection(db: Executor, id: string): Promise<ConnectionRow | null> {
  const [row] = await db.select().from(integrationConnections).where(eq(integrationConnections.id, id));
  return row ?? null;
}

export function listConnections(db: Executor, tenantId: string, limit: number, cursor?: string) {
  return db
    .select()
    .from(integrationConnections)
    .where(and(eq(integrationConnections.tenantId, tenantId), cursor ? gt(integrationConnections.id, cursor) : undefined))
    .orderBy(asc(integrationConnections.id))
    .limit(limit + 1);
}

export async function deleteConnection(db: Executor, tenantId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(integrationConnections)
    .where(and(eq(integrationConnections.tenantId, tenantId), eq(integrationConnections.id, id)))
    .returning({ id: integrationConnections.id });
  return rows.length > 0;
}

export interface DeliveryRecord {
  connectionId: string;
  deliveryId: string;
  tenantId: string;
  topic: string;
  outcome: "accepted" | "ignored" | "parked";
  summary: Record<string, unknown>;
}

/** True when this delivery id was received (and dealt with) before: a replay, not to be processed again. */
export async function wasDelivered(db: Executor, connectionId: string, deliveryId: string): Promise<boolean> {
  const rows = await db
    .update(integrationDeliveries)
    .set({ replays: sql`${integrationDeliveries.replays} + 1` })
    .where(and(eq(integrationDeliveries.connectionId, connectionId), eq(integrationDeliveries.deliveryId, deliveryId)))
    .returning({ id: integrationDeliveries.deliveryId });
  return rows.length > 0;
}

/** Written after the work, so a delivery that failed half-way is processed in full when the platform retries. */
export async function recordDelivery(db: Executor, r: DeliveryRecord): Promise<void> {
  await db.insert(integrationDeliveries).values(r).onConflictDoNothing();
}

/** Months (of 30.44 days, rounded, so billing a few hours early or late does not matter) from a subscription's first payment (an order we stored with renewal 0) to `paidAt`, at least 1. */
export async function renewalMonth(db: Executor, tenantId: string, subscriptionId: string, paidAt: number): Promise<number> {
  const result = await db.execute<{ months: string | null }>(sql`
    SELECT round(extract(epoch FROM (to_timestamp(${paidAt / 1000}) - min(occurred_at))) / (86400 * 30.4375))::int AS months
    FROM conversions WHERE tenant_id = ${tenantId} AND subscription_id = ${subscriptionId} AND coalesce(renewal, 0) = 0`);
  const rows = Array.isArray(result) ? result : result.rows;
  const months = Number(rows[0]?.months ?? 0);
  // A renewal is at least the first one, even a few days short of a calendar month or with its first payment unknown.
  return Math.min(1_200, Math.max(1, Number.isFinite(months) ? Math.round(months) : 1));
}
