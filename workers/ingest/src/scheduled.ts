/**
 * The Cron Triggers (workers/ingest/wrangler.toml): every ten minutes anomaly alerts, automatic
 * commission approval and the purge of expired API idempotency keys and sessions; every minute webhook deliveries, whose first retry is due a minute after a failure;
 * daily at 03:17 UTC the data lifecycle (partitions ahead, retention, IP hashes).
 */
import { withDatabase } from "../../../db/client";
import { approveLockedCommissions } from "../../../db/queries/commission-lifecycle";
import { purgeExpiredAccess } from "../../../db/queries/expired-access";
import type { IngestEnv } from "./env";
import { deliverAlerts, detectAnomalies } from "./services/anomaly-alerts";
import { deliverDueWebhooks, type DeliveryRun } from "./services/deliver-webhooks";
import { runDataLifecycle, type LifecycleRun } from "./services/data-lifecycle";

export const WEBHOOK_CRON = "* * * * *";
export const LIFECYCLE_CRON = "17 3 * * *";

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

export async function runLifecycle(env: IngestEnv, ctx: Ctx): Promise<LifecycleRun> {
  return withDatabase(env, ctx, async (db) => {
    const run = await runDataLifecycle(db);
    console.log(JSON.stringify({ level: "info", worker: "ingest", job: "lifecycle", ...run }));
    return run;
  });
}

/** Which job a Cron Trigger runs; anything but the every-minute and daily schedules is the ten-minute one. */
export function runScheduled(cron: string, env: IngestEnv, ctx: Ctx): Promise<unknown> {
  if (cron === WEBHOOK_CRON) return runWebhookDeliveries(env, ctx);
  if (cron === LIFECYCLE_CRON) return runLifecycle(env, ctx);
  return runScheduledChecks(env, ctx);
}
