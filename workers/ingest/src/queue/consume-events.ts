/**
 * Consumer of the events queue. Valid events are written in one transaction per batch, idempotently.
 * Events that can never be stored go to failed_events with the reason; a database that is down or
 * failing makes the batch retry with back-off, so nothing is dropped.
 */
import { queueEventSchema, type QueueEvent } from "../../../../core/schemas/queue-event";
import { createDatabase, type Database } from "../../../../db/client";
import { isPermanentDataError } from "../../../../db/transient-error";
import { EVENTS_QUEUE, type IngestEnv } from "../env";
import { parkFailedEvents, type FailedEventInput } from "../services/failed-events";
import { storeMessages } from "../services/store-messages";
import { retryDelaySeconds } from "./backoff";

interface Sorted {
  valid: { message: Message; event: QueueEvent }[];
  invalid: { message: Message; failure: FailedEventInput }[];
}

const SOURCE = `queue:${EVENTS_QUEUE}`;

function sortBatch(batch: MessageBatch): Sorted {
  const sorted: Sorted = { valid: [], invalid: [] };
  for (const message of batch.messages) {
    const parsed = queueEventSchema.safeParse(message.body);
    if (parsed.success) {
      sorted.valid.push({ message, event: parsed.data });
    } else {
      const reason = `invalid event: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`;
      sorted.invalid.push({ message, failure: { source: SOURCE, payload: message.body, reason, attempts: message.attempts } });
    }
  }
  return sorted;
}

export async function consumeEvents(batch: MessageBatch, env: IngestEnv, ctx: ExecutionContext): Promise<void> {
  const sorted = sortBatch(batch);
  const handle = createDatabase(env);
  try {
    await handle.db.transaction(async (tx) => {
      await storeMessages(tx, sorted.valid.map((v) => v.event));
      await parkFailedEvents(tx, sorted.invalid.map((i) => i.failure));
    });
    batch.ackAll();
  } catch (error) {
    if (isPermanentDataError(error)) await storeOneByOne(handle.db, sorted, env);
    else retryAll(batch.messages, env);
  } finally {
    ctx.waitUntil(handle.close());
  }
}

/** The database refused the batch as data: find the messages it refuses and park only those. */
async function storeOneByOne(db: Database, sorted: Sorted, env: IngestEnv): Promise<void> {
  const parked = sorted.invalid.map((i) => i.failure);
  const done: Message[] = sorted.invalid.map((i) => i.message);
  const retry: Message[] = [];
  for (const { message, event } of sorted.valid) {
    try {
      await db.transaction((tx) => storeMessages(tx, [event]));
      message.ack();
    } catch (error) {
      if (!isPermanentDataError(error)) {
        retry.push(message);
        continue;
      }
      parked.push({ source: SOURCE, payload: message.body, reason: `rejected by the database: ${(error as Error).message}`, attempts: message.attempts });
      done.push(message);
    }
  }
  try {
    await parkFailedEvents(db, parked);
    for (const message of done) message.ack();
  } catch {
    // Could not park them: leave them on the queue rather than lose them.
    retry.push(...done);
  }
  retryAll(retry, env);
}

function retryAll(messages: readonly Message[], env: IngestEnv): void {
  const base = Number(env.RETRY_BASE_DELAY_SECONDS || 2);
  const max = Number(env.RETRY_MAX_DELAY_SECONDS || 300);
  for (const message of messages) message.retry({ delaySeconds: retryDelaySeconds(message.attempts, base, max) });
}
