/**
 * The webhook sender, run by the Cron Trigger: claims due deliveries, POSTs them signed, and records each
 * attempt. Claiming is a lease (next_attempt_at pushed past the longest send) taken with FOR UPDATE SKIP
 * LOCKED, so overlapping runs never send the same delivery twice, no transaction stays open across HTTP
 * calls, and a run that dies mid-way leaves its deliveries to be picked up again when the lease ends.
 */
import { sql } from "drizzle-orm";
import { open } from "../../../../core/secret-box";
import type { WebhookEnvelope } from "../../../../core/webhook-events";
import { rowsOf, type Database } from "../../../../db/client";
import { recordAttempt, sendWebhook, type AttemptOutcome } from "./webhook-attempt";

export const WEBHOOK_BATCH_SIZE = 50;
/** Outbound connections a Worker may hold at once; more would wait and eat into their own timeouts. */
const PARALLEL_SENDS = 6;
const LEASE_SECONDS = 300;
/** A run stops claiming new batches after this long, well inside the next run's start. */
const RUN_BUDGET_MS = 40_000;

export type DueDelivery = {
  id: string;
  tenant_id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  payload: WebhookEnvelope;
  attempts: number;
  url: string;
  sealed_secret: string;
};

async function claimDue(db: Database, limit: number): Promise<DueDelivery[]> {
  const result = await db.execute<DueDelivery>(sql`
    UPDATE webhook_deliveries d SET next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS})
    FROM (
      SELECT w.id FROM webhook_deliveries w JOIN webhook_endpoints e ON e.id = w.endpoint_id AND e.status = 'active'
      WHERE w.status = 'pending' AND w.next_attempt_at <= now()
      ORDER BY w.next_attempt_at LIMIT ${limit} FOR UPDATE OF w SKIP LOCKED
    ) due, webhook_endpoints e
    WHERE d.id = due.id AND e.id = d.endpoint_id
    RETURNING d.id, d.tenant_id, d.endpoint_id, d.event_id, d.event_type, d.payload, d.attempts, e.url, e.sealed_secret`);
  return rowsOf(result);
}

export interface DeliveryRun {
  delivered: number;
  retrying: number;
  failed: number;
}

/** Sends everything due (in batches, within a time budget); `fetcher` is injectable for tests. */
export async function deliverDueWebhooks(db: Database, secretsKey: string, o: { batchSize?: number; fetcher?: typeof fetch } = {}): Promise<DeliveryRun> {
  const run: DeliveryRun = { delivered: 0, retrying: 0, failed: 0 };
  const started = Date.now();
  const batchSize = o.batchSize ?? WEBHOOK_BATCH_SIZE;
  for (;;) {
    const due = await claimDue(db, batchSize);
    const secrets = new Map<string, Promise<string>>();
    const secretOf = (d: DueDelivery) => secrets.get(d.endpoint_id) ?? secrets.set(d.endpoint_id, open(d.sealed_secret, secretsKey)).get(d.endpoint_id)!;
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const d = due[next++];
        const outcome: AttemptOutcome = await secretOf(d).then((secret) => sendWebhook(d, secret, o.fetcher ?? fetch), (e: Error) => ({ ok: false, statusCode: null, error: `cannot open the endpoint secret: ${e.message}` }));
        run[await recordAttempt(db, d, outcome)]++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_SENDS, due.length) }, worker));
    if (due.length < batchSize || Date.now() - started > RUN_BUDGET_MS) return run;
  }
}
