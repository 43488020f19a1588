/**
 * Hands events to the Queue, and parks them in an EventBuffer object when the Queue will not take them.
 * Written against the two methods it needs so it can be tested without a runtime.
 */
import { chunkForSendBatch } from "../core/send-batch";

export interface EventQueue {
  sendBatch(messages: Iterable<{ body: unknown; contentType?: "json" | "text" }>): Promise<unknown>;
}

export interface EventBufferStub {
  buffer(events: unknown[]): Promise<number>;
}

export interface EnqueueOptions {
  attempts?: number;
  /** Picks one of several buffer objects so a queue outage does not funnel all traffic into one. */
  buffer: () => EventBufferStub;
  sleep?: (ms: number) => Promise<void>;
  /** Each event's JSON size in UTF-8 bytes, when the caller knows it (see chunkForSendBatch). */
  sizes?: number[];
  /** "text": the events are JSON texts already, sent as they are (the consumer parses them). Default "json". */
  contentType?: "json" | "text";
}

export type EnqueueOutcome = "queued" | "buffered";

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function enqueueEvents(queue: EventQueue, events: unknown[], opts: EnqueueOptions): Promise<EnqueueOutcome> {
  let outcome: EnqueueOutcome = "queued";
  for (const chunk of chunkForSendBatch(events, opts.sizes)) {
    if ((await enqueueChunk(queue, chunk, opts)) === "buffered") outcome = "buffered";
  }
  return outcome;
}

async function enqueueChunk(queue: EventQueue, events: unknown[], opts: EnqueueOptions): Promise<EnqueueOutcome> {
  const attempts = opts.attempts ?? 3;
  const sleep = opts.sleep ?? defaultSleep;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const contentType = opts.contentType ?? "json";
      await queue.sendBatch(events.map((body) => ({ body, contentType })));
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

/**
 * Gathers events from many requests of one isolate into one queue send. Per-message sends cost a round
 * trip each (locally they are what limits the redirect, see bench/README.md); one send of up to 100
 * messages costs about the same as one of a single message.
 *
 * Only the request that opens a batch waits for it (through its waitUntil): no promise is shared across
 * requests, which the Workers runtime does not allow. Events of later requests ride along, in memory for
 * at most `maxWaitMs`, under that request's waitUntil.
 */
export class EventBatcher<T> {
  private pending: T[] = [];

  constructor(
    private readonly maxBatch = 100,
    private readonly maxWaitMs = 20,
  ) {}

  /** Returns the work the caller must keep alive with waitUntil, or null when another request carries it. */
  add(event: T, flush: (events: T[]) => Promise<unknown>): Promise<unknown> | null {
    this.pending.push(event);
    if (this.pending.length >= this.maxBatch) return flush(this.take());
    if (this.pending.length === 1) {
      return new Promise((r) => setTimeout(r, this.maxWaitMs)).then(() => {
        const events = this.take();
        return events.length > 0 ? flush(events) : undefined;
      });
    }
    return null;
  }

  private take(): T[] {
    const events = this.pending;
    this.pending = [];
    return events;
  }
}
