/**
 * POST /_indica/e: the browser-made event id carries the event's time. An id encoding a time Postgres
 * cannot hold (the largest ULID time is year 10889) was answered 202 and then parked with its whole batch;
 * now it is a 400 pointing at the id, and ids of ordinary times are still accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainQueue, eventBatch, expectIngestFieldErrors, pageview, storedFor } from "./helpers/ingest-fixtures";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";
import { postEvents } from "./helpers/tracking";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);
afterAll(() => stack?.close());

describe("event ids and their time", () => {
  it("an id whose time is past year 9999 is refused; the batch's good events are not stored either", async () => {
    const p = await seedTestProgram(stack);
    const good = pageview();
    const res = await postEvents(stack, eventBatch(p.tenantId, [good, pageview({ id: "evt_7ZZZZZZZZZZZZZZZZZZZZZZZZZ" })]));
    await expectIngestFieldErrors(res, ["/body/events/1/id"]);
    await drainQueue(stack, 500);
    expect(await storedFor(stack, p.tenantId)).toMatchObject({ events: [], failed: 0 });
  });

  it("ids from 1970 to now are accepted and stored", async () => {
    const p = await seedTestProgram(stack);
    const epoch = pageview({ id: "evt_00000000000000000000000000" });
    const now = pageview();
    expect((await postEvents(stack, eventBatch(p.tenantId, [epoch, now]))).status).toBe(202);
    await drainQueue(stack, 500);
    const stored = await storedFor(stack, p.tenantId);
    expect(stored.events.sort()).toEqual([epoch.id, now.id].sort());
    expect(stored.failed).toBe(0);
  });
});
