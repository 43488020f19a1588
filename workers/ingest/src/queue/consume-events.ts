/**
 * Consumer of the events queue. Valid events are written in one transaction per batch, idempotently.
 * Events that can never be stored go to failed_events with the reason; a database that is down or
 * failing makes the batch retry with back-off, so nothing is dropped.
 */
import { clickBatchEnvelopeSchema, clickEventSchema } from "../../../../core/schemas/click-event";
import { queueEventSchema, type QueueEvent } from "../../../../core/schemas/queue-event";
import { createDatabase, type Database } from "../../../../db/client";
import { isPermanentDataError } from "../../../../db/transient-error";
import { EVENTS_QUEUE, type IngestEnv } from "../env";
import { parkFailedEvents, type FailedEventInput } from "../services/failed-events";
import { storeMessages } from "../services/store-messages";
import { inSlices } from "../lib/yield-to-requests";
import { retryDelaySeconds } from "./backoff";

/** What one queue message holds: events to store and parts that can never be stored. */
interface Unit {
  message: Message;
  events: QueueEvent[];
  failures: FailedEventInput[];
}

const SOURCE = `queue:${EVENTS_QUEUE}`;

const describeIssues = (issues: { path: PropertyKey[]; message: string }[]) =>
  `invalid event: ${issues.map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`).join("; ")}`;

/** A click batch is checked click by click, so one bad click does not park the other ninety-nine. */
function unpack(message: Message): Unit {
  const unit: Unit = { message, events: [], failures: [] };
  const fail = (payload: unknown, reason: string) => unit.failures.push({ source: SOURCE, payload, reason, attempts: message.attempts });
  // The redirect sends click batches as JSON text (core/click-batch.ts); other producers send objects.
  let body: unknown = message.body;
  if (typeof body === "string") {
    try {
      body = JSON.parse(body);
    } catch (err) {
      fail(message.body, `not JSON: ${(err as Error).message}`);
      return unit;
    }
  }
  const envelope = clickBatchEnvelopeSchema.safeParse(body);
  if (envelope.success) {
    for (const click of envelope.data.clicks) {
      const parsed = clickEventSchema.safeParse(click);
      if (parsed.success) unit.events.push(parsed.data);
      else fail(click, describeIssues(parsed.error.issues));
    }
    return unit;
  }
  const parsed = queueEventSchema.safeParse(body);
  if (parsed.success) unit.events.push(parsed.data);
  else fail(body, describeIssues(parsed.error.issues));
  return unit;
}

async function storeUnits(db: Database, units: Unit[]): Promise<void> {
  await db.transaction(async (tx) => {
    await storeMessages(tx, units.flatMap((u) => u.events));
    await parkFailedEvents(tx, units.flatMap((u) => u.failures));
  });
}

export async function consumeEvents(batch: MessageBatch, env: IngestEnv, ctx: ExecutionContext): Promise<void> {
  const units: Unit[] = [];
  await inSlices(batch.messages, 10, (messages) => void units.push(...messages.map(unpack)));
  const handle = createDatabase(env);
  try {
    await storeUnits(handle.db, units);
    batch.ackAll();
    logBatch(units);
  } catch (error) {
    if (!isPermanentDataError(error)) return retry(batch.messages, env);
    for (const unit of units) await storeCarefully(handle.db, unit, env);
  } finally {
    ctx.waitUntil(handle.close());
  }
}

/** The database refused the batch as data: find the events it refuses, park only those, keep the rest. */
async function storeCarefully(db: Database, unit: Unit, env: IngestEnv): Promise<void> {
  try {
    await storeUnits(db, [unit]);
    return unit.message.ack();
  } catch (error) {
    if (!isPermanentDataError(error)) return retry([unit.message], env);
  }
  const failures = [...unit.failures];
  for (const event of unit.events) {
    try {
      await db.transaction((tx) => storeMessages(tx, [event]));
    } catch (error) {
      if (!isPermanentDataError(error)) return retry([unit.message], env);
      failures.push({ source: SOURCE, payload: event, reason: `rejected by the database: ${(error as Error).message}`, attempts: unit.message.attempts });
    }
  }
  try {
    await parkFailedEvents(db, failures);
    unit.message.ack();
  } catch {
    // Could not park them: leave the message on the queue rather than lose anything (stored events dedupe).
    retry([unit.message], env);
  }
}

/** One line per stored batch: how many events, how many parked, and how old its oldest click was (queue lag). */
function logBatch(units: Unit[]): void {
  const events = units.flatMap((u) => u.events);
  const oldest = Math.min(...events.map((e) => (e.type === "click" ? e.ts : Infinity)));
  console.log(JSON.stringify({
    level: "info", worker: "ingest", job: "consume", messages: units.length, events: events.length,
    parked: units.reduce((n, u) => n + u.failures.length, 0), maxClickLagMs: Number.isFinite(oldest) ? Date.now() - oldest : null,
  }));
}

function retry(messages: readonly Message[], env: IngestEnv): void {
  const base = Number(env.RETRY_BASE_DELAY_SECONDS || 2);
  const max = Number(env.RETRY_MAX_DELAY_SECONDS || 300);
  for (const message of messages) message.retry({ delaySeconds: retryDelaySeconds(message.attempts, base, max) });
}
