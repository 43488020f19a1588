/** The Cron Trigger (workers/ingest/wrangler.toml): anomaly alerts now; partition upkeep joins it later. */
import { withDatabase } from "../../../db/client";
import type { IngestEnv } from "./env";
import { deliverAlerts, detectAnomalies } from "./services/anomaly-alerts";

export async function runScheduledChecks(env: IngestEnv, ctx: { waitUntil(p: Promise<unknown>): void }): Promise<{ raised: number; delivered: number }> {
  return withDatabase(env, ctx, async (db) => {
    const raised = await detectAnomalies(db);
    const delivered = await deliverAlerts(db, env.SECRETS_KEY);
    console.log(JSON.stringify({ level: "info", worker: "ingest", job: "anomaly-check", raised, delivered }));
    return { raised, delivered };
  });
}
