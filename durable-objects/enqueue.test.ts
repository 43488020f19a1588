import { describe, expect, it } from "vitest";
import { chunkForSendBatch } from "../core/send-batch";
import { enqueueEvents, EventBatcher, type EventQueue } from "./enqueue";

const noSleep = async () => {};

function flakyQueue(failures: number) {
  const sent: unknown[] = [];
  let calls = 0;
  const queue: EventQueue = {
    async sendBatch(messages) {
      calls++;
      if (calls <= failures) throw new Error("queue unavailable");
      for (const m of messages) sent.push(m.body);
    },
  };
  return { queue, sent, calls: () => calls };
}

describe("enqueueEvents", () => {
  it("sends to the queue when it accepts", async () => {
    const q = flakyQueue(0);
    const buffered: unknown[] = [];
    const out = await enqueueEvents(q.queue, [{ id: 1 }], { buffer: () => ({ buffer: async (e) => buffered.push(...e) }), sleep: noSleep });
    expect(out).toBe("queued");
    expect(q.sent).toEqual([{ id: 1 }]);
    expect(buffered).toEqual([]);
  });

  it("retries a failing send before giving up on the queue", async () => {
    const q = flakyQueue(2);
    const out = await enqueueEvents(q.queue, [{ id: 1 }], { buffer: () => ({ buffer: async () => 0 }), sleep: noSleep });
    expect(out).toBe("queued");
    expect(q.calls()).toBe(3);
  });

  it("parks events in the buffer when the queue keeps failing", async () => {
    const q = flakyQueue(99);
    const buffered: unknown[] = [];
    const out = await enqueueEvents(q.queue, [{ id: 1 }, { id: 2 }], {
      buffer: () => ({ buffer: async (e) => buffered.push(...e) }),
      sleep: noSleep,
    });
    expect(out).toBe("buffered");
    expect(buffered).toEqual([{ id: 1 }, { id: 2 }]);
  });
});

describe("EventBatcher", () => {
  it("sends the events of many requests in one batch, carried by the request that opened it", async () => {
    const batcher = new EventBatcher<number>(100, 5);
    const sent: unknown[][] = [];
    const flush = async (events: unknown[]) => void sent.push(events);
    const opener = batcher.add(1, flush);
    expect(opener).not.toBeNull();
    expect(batcher.add(2, flush)).toBeNull();
    expect(batcher.add(3, flush)).toBeNull();
    await opener;
    expect(sent).toEqual([[1, 2, 3]]);
  });

  it("flushes at once when a batch is full, and the opener's timer then sends only what is left", async () => {
    const batcher = new EventBatcher<string>(2, 5);
    const sent: unknown[][] = [];
    const flush = async (events: unknown[]) => void sent.push(events);
    const opener = batcher.add("a", flush);
    const full = batcher.add("b", flush);
    expect(full).not.toBeNull();
    await full;
    const next = batcher.add("c", flush);
    await Promise.all([opener, next]);
    expect(sent).toEqual([["a", "b"], ["c"]]);
  });
});

describe("chunkForSendBatch", () => {
  it("keeps every event, at most 100 and about 240 KB per send", () => {
    const small = Array.from({ length: 250 }, (_, i) => ({ i }));
    expect(chunkForSendBatch(small).map((c) => c.length)).toEqual([100, 100, 50]);
    const big = Array.from({ length: 5 }, () => ({ clicks: "x".repeat(90_000) }));
    const chunks = chunkForSendBatch(big);
    expect(chunks.flat()).toEqual(big);
    for (const c of chunks) expect(JSON.stringify(c).length).toBeLessThan(256_000);
  });

  it("uses the sizes a caller measured instead of serializing again", () => {
    const events = Array.from({ length: 4 }, (_, i) => ({ i }));
    // Claimed sizes rule: two of 100 KB fit a send, a third does not.
    expect(chunkForSendBatch(events, [100_000, 100_000, 100_000, 10]).map((c) => c.length)).toEqual([2, 2]);
  });
});
