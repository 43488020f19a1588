/**
 * The dead-letter queue receives events that exhausted their retries on the main queue (a database
 * outage longer than the retry budget, or a bug). They are parked in failed_events for replay; if even
 * that fails they stay on this queue and are retried again.
 */
import { createDatabase } from "../../../../db/client";
import { EVENTS_DLQ, type IngestEnv } from "../env";
import { parkFailedEvents } from "../services/failed-events";
import { retryDelaySeconds } from "./backoff";

export async function consumeDeadLetters(batch: MessageBatch, env: IngestEnv, ctx: ExecutionContext): Promise<void> {
  const handle = createDatabase(env);
  try {
    await parkFailedEvents(
      handle.db,
      batch.messages.map((m) => ({
        source: `queue:${EVENTS_DLQ}`,
        payload: m.body,
        reason: "delivery retries exhausted on the events queue (the database was unavailable or kept failing)",
        attempts: m.attempts,
      })),
    );
    batch.ackAll();
  } catch {
    const attempts = Math.max(...batch.messages.map((m) => m.attempts));
    batch.retryAll({ delaySeconds: retryDelaySeconds(attempts, Number(env.RETRY_BASE_DELAY_SECONDS || 2), Number(env.RETRY_MAX_DELAY_SECONDS || 300)) });
  } finally {
    ctx.waitUntil(handle.close());
  }
}
