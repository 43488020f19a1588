/**
 * The Cron Triggers (workers/ingest/wrangler.toml): every ten minutes anomaly alerts, automatic
 * commission approval and the purge of expired API idempotency keys and sessions; every minute webhook deliveries, whose first retry is due a minute after a failure.
 */
import { withDatabase } from "../../../db/client";
import { approveLockedCommissions } from "../../../db/queries/commission-lifecycle";
import { purgeExpiredAccess } from "../../../db/queries/expired-access";
import type { IngestEnv } from "./env";
import { deliverAlerts, detectAnomalies } from "./services/anomaly-alerts";
import { deliverDueWebhooks, type DeliveryRun } from "./services/deliver-webhooks";

export const WEBHOOK_CRON = "* * * * *";

type Ctx = { waitUntil(p: Promise<unknown>): void };

export async function runWebhookDeliveries(env: IngestEnv, ctx: Ctx): Promise<DeliveryRun> {
  return withDatabase(env, ctx, async (db) => {
    const webhooks = await deliverDueWebhooks(db, env.SECRETS_KEY);
    console.log(JSON.stringify({ level: "info", worker: "ingest", job: "webhooks", ...webhooks }));
    return webhooks;
  });
}

export async function runScheduledChecks(env: IngestEnv, ctx: Ctx): Promise<{ raised: number; delivered: number; approved: number; webhooks: DeliveryRun }> {
  const checks = await withDatabase(env, ctx, async (db) => {
    const raised = await detectAnomalies(db);
    const delivered = await deliverAlerts(db, env.SECRETS_KEY);
    const approved = await db.transaction((tx) => approveLockedCommissions(tx));
    const purged = await purgeExpiredAccess(db);
    console.log(JSON.stringify({ level: "info", worker: "ingest", job: "scheduled", raised, delivered, approved, purged }));
    return { raised, delivered, approved };
  });
  // Approvals just announced go out in the same run rather than a minute later.
  return { ...checks, webhooks: await runWebhookDeliveries(env, ctx) };
}

/** Which job a Cron Trigger runs; anything but the every-minute schedule is the ten-minute one. */
export function runScheduled(cron: string, env: IngestEnv, ctx: Ctx): Promise<unknown> {
  return cron === WEBHOOK_CRON ? runWebhookDeliveries(env, ctx) : runScheduledChecks(env, ctx);
}
