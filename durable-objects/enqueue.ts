/**
 * Hands events to the Queue, and parks them in an EventBuffer object when the Queue will not take them.
 * Written against the two methods it needs so it can be tested without a runtime.
 */
export interface EventQueue {
  sendBatch(messages: Iterable<{ body: unknown; contentType?: "json" }>): Promise<unknown>;
}

export interface EventBufferStub {
  buffer(events: unknown[]): Promise<number>;
}

export interface EnqueueOptions {
  attempts?: number;
  /** Picks one of several buffer objects so a queue outage does not funnel all traffic into one. */
  buffer: () => EventBufferStub;
  sleep?: (ms: number) => Promise<void>;
}

export type EnqueueOutcome = "queued" | "buffered";

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function enqueueEvents(queue: EventQueue, events: unknown[], opts: EnqueueOptions): Promise<EnqueueOutcome> {
  const attempts = opts.attempts ?? 3;
  const sleep = opts.sleep ?? defaultSleep;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      await queue.sendBatch(events.map((body) => ({ body, contentType: "json" as const })));
      return "queued";
    } catch {
      if (attempt < attempts) await sleep(50 * 2 ** (attempt - 1));
    }
  }
  // If the buffer also fails the error propagates to waitUntil's log: there is no third place to keep it.
  await opts.buffer().buffer(events);
  return "buffered";
}

export const EVENT_BUFFER_SHARDS = 16;

export function bufferShardName(random: number = Math.random()): string {
  return `event-buffer-${Math.floor(random * EVENT_BUFFER_SHARDS)}`;
}
