/** At-least-once delivery: the consumer stores every click once, however often it is delivered. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clickEvent } from "./helpers/events";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

const countClicks = async (tenantId: string) =>
  Number((await stack.db.query("SELECT count(*) AS n FROM clicks WHERE tenant_id = $1", [tenantId])).rows[0].n);

describe("event pipeline", () => {
  it("stores each click once when the same batch is delivered twice", async () => {
    const p = await seedTestProgram(stack);
    const events = Array.from({ length: 25 }, () => clickEvent(p));
    const queue = await stack.mf.getQueueProducer("EVENTS", "indica-ingest");
    await queue.sendBatch(events.map((body) => ({ body })));
    await queue.sendBatch(events.map((body) => ({ body })));
    // A duplicate inside one batch too.
    await queue.send(events[0]);

    await waitFor(async () => (await countClicks(p.tenantId)) >= 25, 20_000, "25 clicks");
    // Give the redeliveries time to land; they must not add rows.
    await new Promise((r) => setTimeout(r, 2_500));
    const { rows } = await stack.db.query("SELECT id FROM clicks WHERE tenant_id = $1 ORDER BY id", [p.tenantId]);
    expect(rows.map((r) => r.id)).toEqual(events.map((e) => e.id).sort());
  });

  it("flushes events parked in the EventBuffer object to the queue", async () => {
    const p = await seedTestProgram(stack);
    const event = clickEvent(p);
    const ns = await stack.mf.getDurableObjectNamespace("EVENT_BUFFER", "indica-redirect");
    const stub = ns.get(ns.idFromName("event-buffer-test")) as unknown as { buffer(events: unknown[]): Promise<number> };
    expect(await stub.buffer([event])).toBe(1);
    await waitFor(async () => (await countClicks(p.tenantId)) === 1, 20_000, "the buffered click");
  });
});
