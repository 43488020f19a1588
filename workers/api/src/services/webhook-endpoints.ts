/**
 * Webhook endpoints, for the API (their delivery log: webhook-deliveries.ts). Every query filters by
 * tenant (RLS is the second wall). Signing secrets are sealed before they are stored and shown once, on
 * creation and rotation.
 */
import { and, asc, eq, gt } from "drizzle-orm";
import { newId } from "../../../../core/ids";
import { seal } from "../../../../core/secret-box";
import { generateWebhookSecret } from "../../../../core/webhook-signature";
import type { Executor } from "../../../../db/client";
import { webhookEndpoints } from "../../../../db/schema";
import type { CreateWebhookInput, UpdateWebhookInput } from "../routes/v1/webhooks/schema";

export type WebhookRow = typeof webhookEndpoints.$inferSelect;

const ofTenant = (tenantId: string, id: string) => and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id));

export async function createWebhook(db: Executor, tenantId: string, input: CreateWebhookInput, secretsKey: string): Promise<{ row: WebhookRow; secret: string }> {
  const secret = generateWebhookSecret();
  const [row] = await db
    .insert(webhookEndpoints)
    .values({ id: newId("webhook"), tenantId, url: input.url, description: input.description ?? null, eventTypes: [...new Set(input.eventTypes)], sealedSecret: await seal(secret, secretsKey) })
    .returning();
  return { row, secret };
}

export async function getWebhook(db: Executor, tenantId: string, id: string): Promise<WebhookRow | undefined> {
  const [row] = await db.select().from(webhookEndpoints).where(ofTenant(tenantId, id));
  return row;
}

export function listWebhooks(db: Executor, tenantId: string, limit: number, cursor?: string): Promise<WebhookRow[]> {
  return db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), cursor ? gt(webhookEndpoints.id, cursor) : undefined))
    .orderBy(asc(webhookEndpoints.id))
    .limit(limit + 1);
}

export async function updateWebhook(db: Executor, tenantId: string, id: string, patch: UpdateWebhookInput): Promise<WebhookRow | undefined> {
  const set = {
    ...(patch.url !== undefined && { url: patch.url }),
    ...(patch.description !== undefined && { description: patch.description }),
    ...(patch.eventTypes !== undefined && { eventTypes: [...new Set(patch.eventTypes)] }),
    ...(patch.status !== undefined && { status: patch.status }),
  };
  if (Object.keys(set).length === 0) return getWebhook(db, tenantId, id);
  const [row] = await db.update(webhookEndpoints).set(set).where(ofTenant(tenantId, id)).returning();
  return row;
}

/** Deleting an endpoint deletes its delivery log with it (foreign key cascade). */
export async function deleteWebhook(db: Executor, tenantId: string, id: string): Promise<boolean> {
  return (await db.delete(webhookEndpoints).where(ofTenant(tenantId, id)).returning({ id: webhookEndpoints.id })).length > 0;
}

/** A new secret replaces the old one at once; deliveries already queued are signed with the new one. */
export async function rotateWebhookSecret(db: Executor, tenantId: string, id: string, secretsKey: string): Promise<string | null> {
  const secret = generateWebhookSecret();
  const rows = await db.update(webhookEndpoints).set({ sealedSecret: await seal(secret, secretsKey) }).where(ofTenant(tenantId, id)).returning({ id: webhookEndpoints.id });
  return rows.length > 0 ? secret : null;
}
