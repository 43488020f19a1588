/** The Cron Trigger (workers/ingest/wrangler.toml): anomaly alerts and automatic commission approval. */
import { withDatabase } from "../../../db/client";
import { approveLockedCommissions } from "../../../db/queries/commission-lifecycle";
import type { IngestEnv } from "./env";
import { deliverAlerts, detectAnomalies } from "./services/anomaly-alerts";

export async function runScheduledChecks(env: IngestEnv, ctx: { waitUntil(p: Promise<unknown>): void }): Promise<{ raised: number; delivered: number; approved: number }> {
  return withDatabase(env, ctx, async (db) => {
    const raised = await detectAnomalies(db);
    const delivered = await deliverAlerts(db, env.SECRETS_KEY);
    const approved = await db.transaction((tx) => approveLockedCommissions(tx));
    console.log(JSON.stringify({ level: "info", worker: "ingest", job: "scheduled", raised, delivered, approved }));
    return { raised, delivered, approved };
  });
}
