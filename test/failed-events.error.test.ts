/** Poison events are kept with their reason, never dropped, and can be replayed. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import { clickEvent } from "./helpers/events";
import { ADMIN_TOKEN, seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

const replay = (body: unknown, token = ADMIN_TOKEN) =>
  stack.fetch("indica-ingest", "https://ingest.test/admin/failed-events/replay", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("failed events", () => {
  it("parks malformed events with the reason and still stores the valid ones of the batch", async () => {
    const p = await seedTestProgram(stack);
    const good = clickEvent(p);
    const badId = clickEvent(p, { id: "clk_not-an-id" });
    const marker = newId("click");
    const queue = await stack.mf.getQueueProducer("EVENTS", "indica-ingest");
    await queue.sendBatch([{ body: good }, { body: badId }, { body: { type: "click", v: 99, id: marker } }]);

    const rows = await waitFor(async () => {
      const r = await stack.db.query("SELECT * FROM failed_events WHERE event_id = ANY($1) ORDER BY event_id", [[badId.id, marker]]);
      return r.rows.length === 2 && r.rows;
    }, 20_000, "two failed events");
    expect(rows.find((r) => r.event_id === badId.id)).toMatchObject({ tenant_id: p.tenantId, event_type: "click", source: "queue:indica-events" });
    expect(rows.find((r) => r.event_id === badId.id).reason).toMatch(/invalid event: id: expected a click id/);
    expect(rows.find((r) => r.event_id === marker).payload).toEqual({ type: "click", v: 99, id: marker });
    await waitFor(async () => (await stack.db.query("SELECT 1 FROM clicks WHERE id = $1", [good.id])).rowCount === 1, 20_000, "the valid click");
  });

  it("parks only the bad click of a click batch and stores the others", async () => {
    const p = await seedTestProgram(stack);
    const good = [clickEvent(p), clickEvent(p)];
    const bad = { ...clickEvent(p), visitorId: "nope" };
    const queue = await stack.mf.getQueueProducer("EVENTS", "indica-ingest");
    await queue.send({ type: "click_batch", v: 1, clicks: [good[0], bad, good[1]] });
    const parked = await waitFor(async () => (await stack.db.query("SELECT * FROM failed_events WHERE event_id = $1", [bad.id])).rows[0], 20_000, "the parked click");
    expect(parked.reason).toMatch(/visitorId: expected a visitor id/);
    expect(parked.payload).toEqual(bad);
    const { rows } = await stack.db.query("SELECT id FROM clicks WHERE tenant_id = $1 ORDER BY id", [p.tenantId]);
    expect(rows.map((r) => r.id)).toEqual(good.map((g) => g.id).sort());
  });

  // As the redirect sends them (core/click-batch.ts): JSON text. Text that is not JSON is parked whole.
  it("stores a click batch sent as JSON text, and parks text that is not JSON with the reason", async () => {
    const p = await seedTestProgram(stack);
    const good = [clickEvent(p), clickEvent(p)];
    const truncated = JSON.stringify({ type: "click_batch", v: 1, clicks: [clickEvent(p)] }).slice(0, -7);
    const queue = await stack.mf.getQueueProducer("EVENTS", "indica-ingest");
    await queue.sendBatch([{ body: JSON.stringify({ type: "click_batch", v: 1, clicks: good }), contentType: "text" }, { body: truncated, contentType: "text" }]);
    await waitFor(async () => (await stack.db.query("SELECT 1 FROM clicks WHERE tenant_id = $1", [p.tenantId])).rowCount === 2, 20_000, "the two clicks");
    const parked = await waitFor(async () => (await stack.db.query("SELECT * FROM failed_events WHERE payload #>> '{}' = $1", [truncated])).rows[0], 20_000, "the parked text");
    expect(parked.reason).toMatch(/^not JSON/);
    expect(parked.source).toBe("queue:indica-events");
  });

  it("replays a parked event into the pipeline exactly once", async () => {
    const p = await seedTestProgram(stack);
    const event = clickEvent(p);
    const failedId = newId("failedEvent");
    await stack.db.query(
      "INSERT INTO failed_events (id, tenant_id, source, event_type, event_id, payload, reason) VALUES ($1, $2, 'queue:indica-events-dlq', 'click', $3, $4, 'retries exhausted')",
      [failedId, p.tenantId, event.id, JSON.stringify(event)],
    );

    const res = await replay({ ids: [failedId] });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ replayed: 1 });
    await waitFor(async () => (await stack.db.query("SELECT 1 FROM clicks WHERE id = $1", [event.id])).rowCount === 1, 20_000, "the replayed click");

    const again = await replay({ ids: [failedId] });
    expect(await again.json()).toEqual({ replayed: 0 });
    const { rows } = await stack.db.query("SELECT replayed_at, replay_count FROM failed_events WHERE id = $1", [failedId]);
    expect(rows[0].replayed_at).not.toBeNull();
    expect(rows[0].replay_count).toBe(1);
  });

  it("refuses replays without the admin token and rejects bad bodies with field errors", async () => {
    expect((await replay({}, "wrong")).status).toBe(401);
    const bad = await replay({ limit: 0, ids: ["nope"] });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
    const body = (await bad.json()) as { errors: { pointer: string }[] };
    expect(body.errors.map((e) => e.pointer).sort()).toEqual(["/body/ids/0", "/body/limit"]);
  });
});

describe("records that are not events", () => {
  it("a refused platform webhook is kept as a record and never sent through the pipeline", async () => {
    const p = await seedTestProgram(stack);
    const recordId = newId("failedEvent");
    await stack.db.query(
      "INSERT INTO failed_events (id, tenant_id, source, event_type, payload, reason) VALUES ($1, $2, 'integration:shopify', 'orders/paid', $3, 'signature mismatch')",
      [recordId, p.tenantId, JSON.stringify({ type: "integration_webhook", body: "tampered" })],
    );
    const res = await replay({ ids: [recordId] });
    expect(await res.json()).toEqual({ replayed: 0 });
    const { rows } = await stack.db.query("SELECT replayed_at FROM failed_events WHERE id = $1", [recordId]);
    expect(rows[0].replayed_at).toBeNull();
  });
});
