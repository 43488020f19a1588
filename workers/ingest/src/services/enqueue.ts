import { bufferShardName, enqueueEvents, type EnqueueOutcome } from "../../../../durable-objects/enqueue";
import type { IngestEnv } from "../env";

/** Awaited before answering: a 202 promises the event is on the queue (or parked in a buffer object). */
export function enqueue(env: IngestEnv, events: unknown[]): Promise<EnqueueOutcome> {
  return enqueueEvents(env.EVENTS, events, { buffer: () => env.EVENT_BUFFER.getByName(bufferShardName()) });
}
